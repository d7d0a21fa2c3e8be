using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Teaching;
using BladderLnAi.Web.Tests.Integration;
using BladderLnAi.Web.Tests.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Teaching;

/// <summary>A signed-out case in a case set, assigned to a resident who has started an attempt at it.</summary>
public sealed record TeachingCase(
    int CaseId,
    string AccessionNumber,
    int CaseSlideId,
    int FindingId,
    int SetId,
    int AssignmentId,
    int SetCaseId,
    int AttemptId);

/// <summary>Builds teaching scenarios through the real review routes and the teaching services.</summary>
public static class TeachingSetup
{
    /// <summary>Returns the principal the pages would see for a signed-in account with one role.</summary>
    public static ClaimsPrincipal Principal(SignedInAccount account, string role) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.UserId), new Claim(ClaimTypes.Name, account.UserName), new Claim(ClaimTypes.Role, role)],
            "Test"));

    /// <summary>
    /// Signs out a case on the slide with one confirmed finding (a triangle at 100,100 with sides of 400 px), puts
    /// it in a new set of the primary site, assigns the set to the resident and starts their attempt.
    /// </summary>
    public static async Task<TeachingCase> AssignedCaseAsync(BladderLnAiFactory factory, SignedInAccount resident, string slideId)
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var (signedOut, slide, _, finding) = await ReviewApi.SignedOutCaseAsync(pathologist.Client, senior.Client, slideId);
        var (setId, assignmentId, setCaseId, attemptId) = await AssignAsync(factory, resident, signedOut.Id);
        return new TeachingCase(signedOut.Id, signedOut.AccessionNumber, slide.Id, finding.Id, setId, assignmentId, setCaseId, attemptId);
    }

    /// <summary>Puts a signed-out case in a new set of the primary site, assigns it to the resident and starts their attempt.</summary>
    public static async Task<(int SetId, int AssignmentId, int SetCaseId, int AttemptId)> AssignAsync(
        BladderLnAiFactory factory,
        SignedInAccount resident,
        int caseId)
    {
        var educator = Principal(await factory.AccountAsync(Roles.Educator, TestSites.Primary), Roles.Educator);
        var caseSets = factory.Services.GetRequiredService<CaseSetService>();
        var setId = await caseSets.CreateAsync(educator, await PrimarySiteIdAsync(factory), $"Nodes {Guid.NewGuid():N}"[..14], null);
        Assert.True(await caseSets.AddCaseAsync(educator, setId, caseId), $"Case {caseId} could not be added to set {setId}");
        var assignmentId = await caseSets.AssignAsync(educator, setId, resident.UserId, DateTime.UtcNow.AddDays(7))
            ?? throw new InvalidOperationException($"Set {setId} could not be assigned to {resident.UserName}.");
        var setCaseId = (await caseSets.GetAsync(educator, setId))!.Cases.Single().Id;
        var attemptId = await factory.Services.GetRequiredService<AttemptService>()
            .StartAsync(Principal(resident, Roles.Resident), assignmentId, setCaseId)
            ?? throw new InvalidOperationException($"The attempt at set case {setCaseId} could not be started.");
        return (setId, assignmentId, setCaseId, attemptId);
    }

    public static async Task<int> PrimarySiteIdAsync(BladderLnAiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        return await database.Sites.Where(s => s.Code == TestSites.Primary).Select(s => s.Id).SingleAsync();
    }

    private static readonly Dictionary<(BladderLnAiFactory, string), Task<Guid>> Analyses = [];

    /// <summary>Returns a completed analysis of the slide, run once per host by a pathologist of its site.</summary>
    public static Task<Guid> CompletedAnalysisAsync(BladderLnAiFactory factory, string slideId)
    {
        lock (Analyses)
        {
            if (!Analyses.TryGetValue((factory, slideId), out var analysis))
            {
                analysis = RunAnalysisAsync(factory, slideId);
                Analyses[(factory, slideId)] = analysis;
            }

            return analysis;
        }
    }

    private static async Task<Guid> RunAnalysisAsync(BladderLnAiFactory factory, string slideId)
    {
        var owner = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var response = await owner.Client.PostAsync($"/api/slides/{slideId}/analyses", null);
        var location = response.Headers.Location?.OriginalString
            ?? throw new InvalidOperationException($"Queueing an analysis answered {(int)response.StatusCode} without a location.");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var job = await owner.Client.GetStringAsync(location);
            if (job.Contains("\"status\":\"Completed\"", StringComparison.Ordinal))
            {
                return Guid.Parse(location.Split('/').Last());
            }

            Assert.DoesNotContain("\"status\":\"Failed\"", job);
            await Task.Delay(250);
        }

        throw new TimeoutException($"The analysis at {location} did not complete within 5 minutes.");
    }
}
