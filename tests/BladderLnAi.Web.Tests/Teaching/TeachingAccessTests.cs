using System.Net;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Teaching;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Teaching;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BladderLnAi.Web.Tests.Teaching.TeachingSetup;

namespace BladderLnAi.Web.Tests.Teaching;

/// <summary>
/// What a resident can reach while an attempt is open, after it is submitted, and of other residents' attempts,
/// through every page, API route, tile and hub of the real host, on a slide with a completed analysis and a label.
/// </summary>
[Trait("Category", "Teaching")]
public sealed class TeachingAccessTests(BladderLnAiFactory factory) : IClassFixture<BladderLnAiFactory>
{
    private const string Slide = "cmu-1-small-region";

    [Fact]
    public async Task OpenAttempt_HidesSlideAnalysisAndLabelEverywhere()
    {
        var job = await CompletedAnalysisAsync(factory, Slide);
        var resident = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);

        foreach (var (method, url) in SlideAndAnalysisRoutes(job).Concat(await ResultFileRoutesAsync(job)))
        {
            var response = await resident.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} answered a blind resident with {(int)response.StatusCode}");
        }

        var viewerPage = await resident.Client.GetStringAsync($"/slides/{Slide}");
        Assert.Contains("was not found", viewerPage);
        var list = await resident.Client.GetStringAsync("/api/slides");
        Assert.DoesNotContain($"\"id\":\"{Slide}\"", list);
        await AssertHubRefusesAsync(resident, Slide);
    }

    [Fact]
    public async Task OpenAttempt_ReviewRoutesRefuseResident()
    {
        var resident = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);

        var routes = ReviewRoutes(teaching).ToList();
        Assert.True(routes.Count >= 20, $"Only {routes.Count} review routes were found; the route listing is broken.");
        foreach (var (method, url) in routes)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            var response = await resident.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true);
            Assert.True(refused, $"{method} {url} answered a resident with {(int)response.StatusCode}");
            Assert.DoesNotContain(teaching.AccessionNumber, body);
        }
    }

    [Fact]
    public async Task OpenAttempt_TeachingRoutesShowSlideButNoFindings()
    {
        await CompletedAnalysisAsync(factory, Slide);
        var resident = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);
        var prefix = $"/api/teaching/attempts/{teaching.AttemptId}/slides/{teaching.CaseSlideId}";

        var descriptor = await resident.Client.GetAsync($"{prefix}/image.dzi");
        var tile = await resident.Client.GetAsync($"{prefix}/image_files/0/0_0.jpeg");
        var heatmap = await resident.Client.GetAsync($"{prefix}/heatmap.png");
        var page = await resident.Client.GetStringAsync($"/teaching/attempts/{teaching.AttemptId}");
        var view = await factory.Services.GetRequiredService<AttemptService>().GetAsync(Principal(resident, Roles.Resident), teaching.AttemptId);

        Assert.Equal(HttpStatusCode.OK, descriptor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, heatmap.StatusCode);
        Assert.Contains("data-testid=\"attempt-code\"", page);
        Assert.DoesNotContain(teaching.AccessionNumber, page);
        Assert.DoesNotContain(Slide, page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CMU-1", page, StringComparison.OrdinalIgnoreCase);
        Assert.Null(view!.Reveal);
    }

    [Fact]
    public async Task Submitted_RevealsHeatmapButNeverLabel()
    {
        await CompletedAnalysisAsync(factory, Slide);
        var resident = await factory.SignInAsync(Roles.Resident);
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);
        var attempts = factory.Services.GetRequiredService<AttemptService>();
        var principal = Principal(resident, Roles.Resident);

        await attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(150, 150)], "micro");
        await attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(2000, 2800)], null);
        await attempts.RecordTimeAsync(principal, teaching.AttemptId, teaching.CaseSlideId, 42);
        var score = await attempts.SubmitAsync(principal, teaching.AttemptId);
        await attempts.RecordRevealAsync(principal, teaching.AttemptId);

        Assert.Equal(1, score!.Hits);
        Assert.Equal(0, score.Misses);
        Assert.Equal(1, score.FalseMarks);
        Assert.Equal(42, score.SecondsSpent);
        var heatmap = await resident.Client.GetAsync($"/api/teaching/attempts/{teaching.AttemptId}/slides/{teaching.CaseSlideId}/heatmap.png");
        Assert.Equal(HttpStatusCode.OK, heatmap.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resident.Client.GetAsync($"/api/slides/{Slide}")).StatusCode);
        foreach (var image in new[] { "label", "macro" })
        {
            var forResident = await resident.Client.GetAsync($"/api/slides/{Slide}/associated/{image}.jpeg");
            var forPathologist = await pathologist.Client.GetAsync($"/api/slides/{Slide}/associated/{image}.jpeg");
            Assert.True(forResident.StatusCode == HttpStatusCode.NotFound, $"The {image} image answered a resident with {(int)forResident.StatusCode}");
            Assert.True(forPathologist.StatusCode == HttpStatusCode.OK, $"The {image} image answered a pathologist with {(int)forPathologist.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await resident.Client.GetAsync($"/api/slides/{Slide}/associated/thumbnail.jpeg")).StatusCode);
        var view = await attempts.GetAsync(principal, teaching.AttemptId);
        Assert.NotNull(view!.Reveal);
        Assert.True(view.Reveal.Findings.Single().Hit);
        Assert.Contains(teaching.CaseSlideId, view.Reveal.Heatmaps.Keys);
        await AssertAuditedAsync(teaching);
    }

    [Fact]
    public async Task Submitted_MarksCannotChange()
    {
        var resident = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);
        var attempts = factory.Services.GetRequiredService<AttemptService>();
        var principal = Principal(resident, Roles.Resident);
        var mark = await attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(150, 150)], null);
        await attempts.SubmitAsync(principal, teaching.AttemptId);

        var added = await Assert.ThrowsAsync<TeachingException>(() =>
            attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(10, 10)], null));
        var deleted = await Assert.ThrowsAsync<TeachingException>(() => attempts.DeleteMarkAsync(principal, teaching.AttemptId, mark!.Id));
        var resubmitted = await Assert.ThrowsAsync<TeachingException>(() => attempts.SubmitAsync(principal, teaching.AttemptId));

        Assert.Equal(StatusCodes.Status409Conflict, added.StatusCode);
        Assert.Contains("was submitted", deleted.Message);
        Assert.Contains("was submitted", resubmitted.Message);
    }

    [Fact]
    public async Task Mark_InvalidInput_IsRejectedWithValue()
    {
        var resident = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);
        var attempts = factory.Services.GetRequiredService<AttemptService>();
        var principal = Principal(resident, Roles.Resident);

        var outside = await Assert.ThrowsAsync<TeachingException>(() =>
            attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(5000, 10)], null));
        var twoPoints = await Assert.ThrowsAsync<TeachingException>(() =>
            attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Outline, [new PointD(1, 1), new PointD(2, 2)], null));
        var sizeClass = await Assert.ThrowsAsync<TeachingException>(() =>
            attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(10, 10)], "huge"));

        Assert.Contains("(5000, 10) lies outside the slide", outside.Message);
        Assert.Contains("has 2 points", twoPoints.Message);
        Assert.Contains("'huge'", sizeClass.Message);
        Assert.Empty((await attempts.GetAsync(principal, teaching.AttemptId))!.Marks);
    }

    [Fact]
    public async Task OtherResident_CannotSeeAttempt()
    {
        await CompletedAnalysisAsync(factory, Slide);
        var owner = await factory.SignInAsync(Roles.Resident);
        var other = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, owner, Slide);
        var attempts = factory.Services.GetRequiredService<AttemptService>();
        var ownerPrincipal = Principal(owner, Roles.Resident);
        var otherPrincipal = Principal(other, Roles.Resident);
        await attempts.AddMarkAsync(ownerPrincipal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(150, 150)], null);
        await attempts.SubmitAsync(ownerPrincipal, teaching.AttemptId);
        var prefix = $"/api/teaching/attempts/{teaching.AttemptId}/slides/{teaching.CaseSlideId}";

        foreach (var url in new[] { $"{prefix}/image.dzi", $"{prefix}/image_files/0/0_0.jpeg", $"{prefix}/heatmap.png" })
        {
            var response = await other.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered another resident with {(int)response.StatusCode}");
        }

        Assert.Contains("was not found", await other.Client.GetStringAsync($"/teaching/attempts/{teaching.AttemptId}"));
        Assert.Null(await attempts.GetAsync(otherPrincipal, teaching.AttemptId));
        Assert.Null(await attempts.AddMarkAsync(otherPrincipal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(1, 1)], null));
        Assert.Null(await attempts.StartAsync(otherPrincipal, teaching.AssignmentId, teaching.SetCaseId));
        Assert.Empty(await factory.Services.GetRequiredService<TeachingProgress>().HistoryAsync(otherPrincipal));
        Assert.Empty(await attempts.AssignmentsAsync(otherPrincipal));
        Assert.Single(await factory.Services.GetRequiredService<TeachingProgress>().HistoryAsync(ownerPrincipal));
        var othersHome = await other.Client.GetStringAsync("/teaching");
        Assert.DoesNotContain(owner.UserName, othersHome);
    }

    [Fact]
    public async Task OtherSite_GetsNotFoundForSetsAndScores()
    {
        var resident = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);
        var outsider = await factory.SignInAsync(Roles.Educator, TestSites.Other);
        var caseSets = factory.Services.GetRequiredService<CaseSetService>();
        var principal = Principal(outsider, Roles.Educator);

        Assert.Null(await caseSets.GetAsync(principal, teaching.SetId));
        Assert.False(await caseSets.AddCaseAsync(principal, teaching.SetId, teaching.CaseId));
        Assert.Null(await caseSets.AssignAsync(principal, teaching.SetId, resident.UserId, null));
        Assert.Null(await factory.Services.GetRequiredService<TeachingProgress>().SetProgressAsync(principal, teaching.SetId));
        Assert.DoesNotContain(await caseSets.ListAsync(principal), set => set.Id == teaching.SetId);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/api/teaching/sets/{teaching.SetId}/scores.csv")).StatusCode);
        Assert.Contains("was not found", await outsider.Client.GetStringAsync($"/teaching/sets/{teaching.SetId}"));
        Assert.Contains("was not found", await outsider.Client.GetStringAsync($"/teaching/sets/{teaching.SetId}/progress"));
    }

    [Fact]
    public async Task Assign_RejectsInvalidRequests()
    {
        var resident = await factory.SignInAsync(Roles.Resident);
        var pathologist = await factory.SignInAsync(Roles.Pathologist);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);
        var caseSets = factory.Services.GetRequiredService<CaseSetService>();
        var educator = Principal(await factory.AccountAsync(Roles.Educator, TestSites.Primary), Roles.Educator);
        var newResident = await factory.SignInAsync(Roles.Resident);

        var notResident = await Assert.ThrowsAsync<TeachingException>(() => caseSets.AssignAsync(educator, teaching.SetId, pathologist.UserId, null));
        var unfinished = await Assert.ThrowsAsync<TeachingException>(() => caseSets.AssignAsync(educator, teaching.SetId, resident.UserId, null));
        var past = await Assert.ThrowsAsync<TeachingException>(() =>
            caseSets.AssignAsync(educator, teaching.SetId, newResident.UserId, DateTime.UtcNow.AddDays(-1)));
        var twice = await Assert.ThrowsAsync<TeachingException>(() => caseSets.AddCaseAsync(educator, teaching.SetId, teaching.CaseId));
        var attempted = await Assert.ThrowsAsync<TeachingException>(() => caseSets.RemoveCaseAsync(educator, teaching.SetId, teaching.SetCaseId));

        Assert.Contains("is not a resident of this site", notResident.Message);
        Assert.Contains("has not finished this set", unfinished.Message);
        Assert.Contains("has passed", past.Message);
        Assert.Contains("already in this set", twice.Message);
        Assert.Contains("has attempts", attempted.Message);
    }

    [Fact]
    public async Task ScoresCsv_HasOneLinePerSubmittedAttempt()
    {
        var resident = await factory.SignInAsync(Roles.Resident);
        var teaching = await AssignedCaseAsync(factory, resident, Slide);
        var principal = Principal(resident, Roles.Resident);
        var attempts = factory.Services.GetRequiredService<AttemptService>();
        await attempts.AddMarkAsync(principal, teaching.AttemptId, teaching.CaseSlideId, MarkKind.Point, [new PointD(150, 150)], "micro");
        await attempts.SubmitAsync(principal, teaching.AttemptId);
        var educator = await factory.AccountAsync(Roles.Educator, TestSites.Primary);

        var response = await educator.Client.GetAsync($"/api/teaching/sets/{teaching.SetId}/scores.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("resident,case,submitted_utc,itc_findings", lines[0]);
        Assert.StartsWith($"\"{resident.UserName}\",\"Case 1 of ", lines[1]);
        Assert.EndsWith(",1,0,0,1,0,0", lines[1]);
    }

    private IEnumerable<(string Method, string Url)> SlideAndAnalysisRoutes(Guid job) =>
    [
        ("GET", $"/api/slides/{Slide}"),
        ("GET", $"/dzi/{Slide}.dzi"),
        ("GET", $"/dzi/{Slide}_files/0/0_0.jpeg"),
        ("GET", $"/dzi/{Slide}_files/12/1_1.jpeg"),
        ("GET", $"/api/slides/{Slide}/associated/label.jpeg"),
        ("GET", $"/api/slides/{Slide}/associated/macro.jpeg"),
        ("GET", $"/api/slides/{Slide}/associated/thumbnail.jpeg"),
        ("POST", $"/api/slides/{Slide}/analyses"),
        ("GET", $"/api/slides/{Slide}/analyses/latest"),
        ("GET", $"/api/analyses/{job}"),
        ("POST", $"/api/analyses/{job}/cancel"),
        ("POST", $"/api/analyses/{job}/retry"),
    ];

    /// <summary>Every file the analysis wrote (summary, findings, heatmaps, composites, grids) under the files route.</summary>
    private async Task<IEnumerable<(string Method, string Url)>> ResultFileRoutesAsync(Guid jobId)
    {
        var job = await factory.Services.GetRequiredService<AnalysisJobService>().GetAsync(jobId, CancellationToken.None);
        var summary = factory.Services.GetRequiredService<AnalysisResultStore>().ResolveFile(job!, ArtifactFiles.Summary)!;
        var folder = Path.GetDirectoryName(summary)!;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .ToList();
        Assert.Contains(files, file => file.EndsWith(".png", StringComparison.Ordinal));
        return files.Select(file => ("GET", $"/api/analyses/{jobId}/files/{file}"));
    }

    /// <summary>Every case review route and page of the host, with the teaching case's ids filled in.</summary>
    private IEnumerable<(string Method, string Url)> ReviewRoutes(TeachingCase teaching) =>
        factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => (Pattern: "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'), endpoint.Metadata))
            .Where(route => route.Pattern.StartsWith("/api/cases", StringComparison.Ordinal)
                || route.Pattern.StartsWith("/cases", StringComparison.Ordinal)
                || route.Pattern.StartsWith("/hubs/cases", StringComparison.Ordinal))
            .Select(route => (
                route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET",
                route.Pattern
                    .Replace("{caseId:int}", teaching.CaseId.ToString()).Replace("{CaseId:int}", teaching.CaseId.ToString())
                    .Replace("{caseSlideId:int}", teaching.CaseSlideId.ToString()).Replace("{CaseSlideId:int}", teaching.CaseSlideId.ToString())
                    .Replace("{findingId:int}", teaching.FindingId.ToString())
                    .Replace("{nodeId:int}", "1")
                    .Replace("{revision:int}", "1")
                    .Replace("/hubs/cases", "/hubs/cases/negotiate?negotiateVersion=1")))
            .Select(route => route.Item1 == "GET" && route.Item2.Contains("negotiate", StringComparison.Ordinal) ? ("POST", route.Item2) : route)
            .Distinct();

    private async Task AssertHubRefusesAsync(SignedInAccount resident, string slideId)
    {
        await using var hub = factory.CreateHubConnection(resident);
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", slideId));

        Assert.Contains("was not found", error.Message);
    }

    private async Task AssertAuditedAsync(TeachingCase teaching)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var setActions = await database.AuditEntries
            .Where(a => a.ObjectType == "case-set" && a.ObjectId == teaching.SetId.ToString())
            .Select(a => a.Action)
            .ToListAsync();
        var attemptActions = await database.AuditEntries
            .Where(a => a.ObjectType == "teaching-attempt" && a.ObjectId == teaching.AttemptId.ToString())
            .Select(a => a.Action)
            .ToListAsync();
        Assert.Contains("teaching.assigned", setActions);
        Assert.Contains("teaching.submitted", attemptActions);
        Assert.Contains("teaching.revealed", attemptActions);
    }
}
