using System.Net;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Sites;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Teaching;
using BladderLnAi.Web.Tests.Teaching;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Security;

/// <summary>
/// Every route of the host against every kind of caller: anonymous, each role on the slide's own site, each
/// role on another site, and a consultant whose share has expired. A route added without a rule here fails
/// <see cref="EveryEndpoint_HasAccessRule"/>.
/// </summary>
[Trait("Category", "Security")]
public sealed class EndpointAccessMatrixTests(BladderLnAiFactory factory) : IClassFixture<BladderLnAiFactory>
{
    private const string Slide = "cmu-1-16x16";

    /// <summary>How a route decides who may use it.</summary>
    public enum Access
    {
        /// <summary>Open to everybody, such as the sign-in page.</summary>
        Anonymous,

        /// <summary>Any signed-in user; the content is filtered to the user's sites.</summary>
        SignedIn,

        /// <summary>Members of the slide's site and holders of an unexpired share; 404 for everybody else.</summary>
        Slide,

        /// <summary>Administrators of their own sites.</summary>
        Administrator,

        /// <summary>Machinery of Blazor, SignalR or OpenID Connect, with its own checks tested elsewhere.</summary>
        Framework,

        /// <summary>
        /// Analysis workers only: an access token of a client with the AnalysisWorker role and the job's ticket
        /// (<see cref="WorkerJobAccessTests"/>); people are refused whatever their role.
        /// </summary>
        Worker,
        /// <summary>Pathologists and senior pathologists; other roles get 403 (or the access-denied page).</summary>
        Reviewer,

        /// <summary>Reviewers of the case's site; other roles get 403, reviewers of other sites 404.</summary>
        Case,

        /// <summary>Senior pathologists of the case's site; other roles get 403, seniors of other sites 404.</summary>
        CaseSenior,

        /// <summary>Educators of the case set's site; other roles get 403 (or the access-denied page), educators of other sites 404.</summary>
        Educator,

        /// <summary>
        /// The resident who owns the attempt. Other roles get the access-denied page, or 404 from the API, and every
        /// other resident 404.
        /// </summary>
        Attempt,
    }

    /// <summary>Route patterns with their rule and a request that exercises them on the sample slide.</summary>
    private static readonly Dictionary<string, (Access Access, string Method, string Url)> Rules = new()
    {
        ["/account/login"] = (Access.Anonymous, "GET", "/account/login"),
        ["/account/login-2fa"] = (Access.Anonymous, "GET", "/account/login-2fa"),
        ["/account/access-denied"] = (Access.Anonymous, "GET", "/account/access-denied"),
        ["/account/logout"] = (Access.SignedIn, "POST", "/account/logout"),
        ["/account/security"] = (Access.SignedIn, "GET", "/account/security"),
        ["/health/live"] = (Access.Anonymous, "GET", "/health/live"),
        ["/health/ready"] = (Access.Anonymous, "GET", "/health/ready"),

        // Open to loopback and the configured networks only; in-memory requests come from loopback.
        ["/metrics"] = (Access.Anonymous, "GET", "/metrics"),
        ["/"] = (Access.SignedIn, "GET", "/"),
        ["/admin"] = (Access.Administrator, "GET", "/admin"),
        ["/slides/{SlideId}"] = (Access.Slide, "GET", $"/slides/{Slide}"),
        ["/dzi/{descriptor}"] = (Access.Slide, "GET", $"/dzi/{Slide}.dzi"),
        ["/dzi/{folder}/{level}/{tile}"] = (Access.Slide, "GET", $"/dzi/{Slide}_files/0/0_0.jpeg"),
        ["/api/slides/"] = (Access.SignedIn, "GET", "/api/slides"),
        ["/api/slides/{id}"] = (Access.Slide, "GET", $"/api/slides/{Slide}"),
        ["/api/slides/{id}/associated/{image}"] = (Access.Slide, "GET", $"/api/slides/{Slide}/associated/thumbnail.jpeg"),
        ["/api/slides/{id}/analyses"] = (Access.Slide, "POST", $"/api/slides/{Slide}/analyses"),
        ["/api/slides/{id}/analyses/latest"] = (Access.Slide, "GET", $"/api/slides/{Slide}/analyses/latest"),
        ["/api/analyses/{jobId:guid}"] = (Access.Slide, "GET", "/api/analyses/{job}"),
        ["/api/analyses/{jobId:guid}/cancel"] = (Access.Slide, "POST", "/api/analyses/{job}/cancel"),
        ["/api/analyses/{jobId:guid}/retry"] = (Access.Slide, "POST", "/api/analyses/{job}/retry"),
        ["/api/analyses/{jobId:guid}/files/{**path}"] = (Access.Slide, "GET", "/api/analyses/{job}/files/summary.json"),
        ["/api/analyses/{jobId:guid}/heatmap.dzi"] = (Access.Slide, "GET", "/api/analyses/{job}/heatmap.dzi"),
        ["/api/analyses/{jobId:guid}/heatmap_files/{level}/{tile}"] = (Access.Slide, "GET", "/api/analyses/{job}/heatmap_files/0/0_0.png"),
        ["/api/analyses/{jobId:guid}/findings"] = (Access.Slide, "GET", "/api/analyses/{job}/findings?x=0&y=0&width=16&height=16"),
        ["/api/analyses/{jobId:guid}/findings/clusters"] =
            (Access.Slide, "GET", "/api/analyses/{job}/findings/clusters?x=0&y=0&width=16&height=16&cellSize=8"),
        ["/api/slides/{id}/region.jpeg"] = (Access.Slide, "GET", $"/api/slides/{Slide}/region.jpeg?x=0&y=0&width=16&height=16"),
        ["/hubs/analysis"] = (Access.SignedIn, "POST", "/hubs/analysis/negotiate?negotiateVersion=1"),
        ["/hubs/analysis/negotiate"] = (Access.SignedIn, "POST", "/hubs/analysis/negotiate?negotiateVersion=1"),
        ["/api/worker/jobs/{jobId:guid}/start"] = (Access.Worker, "POST", "/api/worker/jobs/{job}/start"),
        ["/api/worker/jobs/{jobId:guid}/progress"] = (Access.Worker, "POST", "/api/worker/jobs/{job}/progress"),
        ["/api/worker/jobs/{jobId:guid}/complete"] = (Access.Worker, "POST", "/api/worker/jobs/{job}/complete"),
        ["/cases"] = (Access.Reviewer, "GET", "/cases"),
        ["/cases/{CaseId:int}"] = (Access.Case, "GET", "/cases/{case}"),
        ["/cases/{CaseId:int}/slides/{CaseSlideId:int}"] = (Access.Case, "GET", "/cases/{case}/slides/{slide}"),
        ["/api/cases/"] = (Access.Reviewer, "GET", "/api/cases"),
        ["/api/cases/{caseId:int}"] = (Access.Case, "GET", "/api/cases/{case}"),
        ["/api/cases/{caseId:int}/slides"] = (Access.Case, "POST", "/api/cases/{case}/slides"),
        ["/api/cases/{caseId:int}/slides/upload"] = (Access.Case, "POST", "/api/cases/{case}/slides/upload"),
        ["/api/cases/{caseId:int}/slides/{caseSlideId:int}/analysis"] = (Access.Case, "POST", "/api/cases/{case}/slides/{slide}/analysis"),
        ["/api/cases/{caseId:int}/slides/{caseSlideId:int}/geojson"] = (Access.Case, "GET", "/api/cases/{case}/slides/{slide}/geojson"),
        ["/api/cases/{caseId:int}/findings.csv"] = (Access.Case, "GET", "/api/cases/{case}/findings.csv"),
        ["/api/cases/{caseId:int}/nodes"] = (Access.Case, "POST", "/api/cases/{case}/nodes"),
        ["/api/cases/{caseId:int}/nodes/{nodeId:int}"] = (Access.Case, "PUT", "/api/cases/{case}/nodes/{node}"),
        ["/api/cases/{caseId:int}/findings"] = (Access.Case, "POST", "/api/cases/{case}/findings"),
        ["/api/cases/{caseId:int}/findings/{findingId:int}/proposal"] = (Access.Case, "POST", "/api/cases/{case}/findings/{finding}/proposal"),
        ["/api/cases/{caseId:int}/findings/{findingId:int}/confirmation"] = (Access.CaseSenior, "POST", "/api/cases/{case}/findings/{finding}/confirmation"),
        ["/api/cases/{caseId:int}/findings/{findingId:int}/outline"] = (Access.Case, "PUT", "/api/cases/{case}/findings/{finding}/outline"),
        ["/api/cases/{caseId:int}/findings/{findingId:int}/node"] = (Access.Case, "PUT", "/api/cases/{case}/findings/{finding}/node"),
        ["/api/cases/{caseId:int}/summary"] = (Access.Case, "GET", "/api/cases/{case}/summary"),
        ["/api/cases/{caseId:int}/submission"] = (Access.Case, "POST", "/api/cases/{case}/submission"),
        ["/api/cases/{caseId:int}/return"] = (Access.CaseSenior, "POST", "/api/cases/{case}/return"),
        ["/api/cases/{caseId:int}/sign-out"] = (Access.CaseSenior, "POST", "/api/cases/{case}/sign-out"),
        ["/api/cases/{caseId:int}/amendment"] = (Access.CaseSenior, "POST", "/api/cases/{case}/amendment"),
        ["/api/cases/{caseId:int}/snapshots/{revision:int}"] = (Access.Case, "GET", "/api/cases/{case}/snapshots/1"),
        ["/api/cases/{caseId:int}/report"] = (Access.Case, "GET", "/api/cases/{case}/report"),
        ["/api/cases/{caseId:int}/report.pdf"] = (Access.Case, "GET", "/api/cases/{case}/report.pdf"),
        ["/hubs/cases"] = (Access.Reviewer, "POST", "/hubs/cases/negotiate?negotiateVersion=1"),
        ["/hubs/cases/negotiate"] = (Access.Reviewer, "POST", "/hubs/cases/negotiate?negotiateVersion=1"),
        ["/teaching"] = (Access.SignedIn, "GET", "/teaching"),
        ["/teaching/sets/{SetId:int}"] = (Access.Educator, "GET", "/teaching/sets/{set}"),
        ["/teaching/sets/{SetId:int}/progress"] = (Access.Educator, "GET", "/teaching/sets/{set}/progress"),
        ["/teaching/attempts/{AttemptId:int}"] = (Access.Attempt, "GET", "/teaching/attempts/{attempt}"),
        ["/api/teaching/attempts/{attemptId:int}/slides/{caseSlideId:int}/image.dzi"] =
            (Access.Attempt, "GET", "/api/teaching/attempts/{attempt}/slides/{attempt-slide}/image.dzi"),
        ["/api/teaching/attempts/{attemptId:int}/slides/{caseSlideId:int}/image_files/{level:int}/{tile}"] =
            (Access.Attempt, "GET", "/api/teaching/attempts/{attempt}/slides/{attempt-slide}/image_files/0/0_0.jpeg"),
        ["/api/teaching/attempts/{attemptId:int}/slides/{caseSlideId:int}/heatmap.png"] =
            (Access.Attempt, "GET", "/api/teaching/attempts/{attempt}/slides/{attempt-slide}/heatmap.png"),
        ["/api/teaching/sets/{setId:int}/scores.csv"] = (Access.Educator, "GET", "/api/teaching/sets/{set}/scores.csv"),
    };

    private static readonly Dictionary<BladderLnAiFactory, Task<OwnCase>> OwnCases = [];

    private static readonly Dictionary<BladderLnAiFactory, Task<OwnTeaching>> OwnTeachings = [];

    private static readonly string[] FrameworkPrefixes = ["/_blazor", "/_framework", "/connect/", "/.well-known/", "/_content"];

    public static TheoryData<string> RulePatterns => new(Rules.Keys);

    public static TheoryData<string, string> RolesAndPatterns
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var role in Roles.All)
            {
                foreach (var pattern in Rules.Keys)
                {
                    data.Add(role, pattern);
                }
            }

            return data;
        }
    }

    [Fact]
    public void EveryEndpoint_HasAccessRule()
    {
        var patterns = factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct()
            .ToList();

        var missing = patterns
            .Where(pattern => !Rules.ContainsKey(pattern) && !FrameworkPrefixes.Any(pattern.StartsWith))
            .ToList();

        Assert.True(missing.Count == 0, $"Routes without an access rule in this test: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(RulePatterns))]
    public async Task Anonymous_GetsOnlyAnonymousRoutes(string pattern)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SendAsync(client, pattern, Guid.NewGuid());

        if (Rules[pattern].Access == Access.Anonymous)
        {
            // The two-factor page sends a visitor with no pending sign-in to the sign-in page.
            Assert.True(
                response.StatusCode == HttpStatusCode.OK || IsRedirectToSignIn(response),
                $"{pattern} answered an anonymous caller with {(int)response.StatusCode}");
            return;
        }

        Assert.True(
            response.StatusCode == HttpStatusCode.Unauthorized || IsRedirectToSignIn(response),
            $"{pattern} answered an anonymous caller with {(int)response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(RolesAndPatterns))]
    public async Task OwnSite_EachRole_ReachesSlideRoutes(string role, string pattern)
    {
        var (access, _, _) = Rules[pattern];
        if (access == Access.Anonymous)
        {
            // Covered by the anonymous test; the two-factor page sends a signed-in user back to sign-in.
            return;
        }

        var account = await factory.AccountAsync(role, TestSites.Primary);
        var job = await OwnJobAsync();

        var response = await SendAsync(account.Client, pattern, job);

        if (access == Access.Worker)
        {
            Assert.True(
                response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
                $"{pattern} answered a {role} with {(int)response.StatusCode} instead of refusing a person");
            return;
        }

        if (!MayUse(access, role))
        {
            AssertRoleRefused(response, pattern, role);
            return;
        }

        if (access == Access.Administrator && role != Roles.Admin)
        {
            Assert.True(
                response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true,
                $"{pattern} answered a {role} with {(int)response.StatusCode} instead of sending them to the access-denied page");
            return;
        }

        Assert.False(
            response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            || IsRedirectToSignIn(response),
            $"{pattern} refused a {role} of the slide's own site with {(int)response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(RolesAndPatterns))]
    public async Task OtherSite_EachRole_GetsNotFoundForSlideRoutes(string role, string pattern)
    {
        var access = Rules[pattern].Access;
        if (access is not (Access.Slide or Access.Case or Access.CaseSenior or Access.Educator or Access.Attempt))
        {
            return;
        }

        var outsider = await factory.AccountAsync(role, TestSites.Other);
        var job = await OwnJobAsync();

        var response = await SendAsync(outsider.Client, pattern, job);

        if (!MayUse(access, role))
        {
            AssertRoleRefused(response, pattern, role);
            return;
        }

        await AssertHiddenAsync(response, pattern, $"a {role} of another site");
    }

    [Theory]
    [MemberData(nameof(RulePatterns))]
    public async Task ExpiredShare_GetsNotFoundForSlideRoutes(string pattern)
    {
        if (Rules[pattern].Access != Access.Slide)
        {
            return;
        }

        var consultant = await factory.SignInAsync(Roles.Pathologist, TestSites.Other);
        await ShareAsync(consultant.UserId, DateTime.UtcNow.AddSeconds(-1));
        var job = await OwnJobAsync();

        var response = await SendAsync(consultant.Client, pattern, job);

        await AssertHiddenAsync(response, pattern, "a consultant whose share expired");
    }

    private static async Task AssertHiddenAsync(HttpResponseMessage response, string pattern, string caller)
    {
        if (pattern is "/slides/{SlideId}" or "/cases/{CaseId:int}" or "/cases/{CaseId:int}/slides/{CaseSlideId:int}"
            or "/teaching/sets/{SetId:int}" or "/teaching/sets/{SetId:int}/progress" or "/teaching/attempts/{AttemptId:int}")
        {
            // The page itself loads, and tells the user that no such slide exists.
            Assert.Contains("was not found", await response.Content.ReadAsStringAsync());
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{pattern} answered {caller} with {(int)response.StatusCode}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string pattern, Guid job)
    {
        var (_, method, url) = Rules[pattern];
        if (url.Contains('{', StringComparison.Ordinal) && url.Contains("{case}", StringComparison.Ordinal))
        {
            var own = await OwnCaseAsync();
            url = url.Replace("{case}", own.CaseId.ToString()).Replace("{slide}", own.CaseSlideId.ToString())
                .Replace("{node}", own.NodeId.ToString()).Replace("{finding}", own.FindingId.ToString());
        }

        if (url.Contains("{set}", StringComparison.Ordinal) || url.Contains("{attempt}", StringComparison.Ordinal))
        {
            var teaching = await OwnTeachingAsync();
            url = url.Replace("{set}", teaching.SetId.ToString()).Replace("{attempt}", teaching.AttemptId.ToString())
                .Replace("{attempt-slide}", teaching.CaseSlideId.ToString());
        }

        var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{job}", job.ToString()));
        if (url.StartsWith("/api/cases", StringComparison.Ordinal) && method is "POST" or "PUT")
        {
            // An empty JSON object binds, so the route's own checks (site, role, state) decide the answer.
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Whether a role passes a route's role rule; the site rule is checked separately.</summary>
    private static bool MayUse(Access access, string role) => access switch
    {
        Access.Reviewer or Access.Case => role is Roles.Pathologist or Roles.SeniorPathologist,
        Access.CaseSenior => role == Roles.SeniorPathologist,
        Access.Educator => role == Roles.Educator,
        Access.Attempt => role == Roles.Resident,
        _ => true,
    };

    /// <summary>A role without the right gets 403 from the API and the access-denied page from pages.</summary>
    private static void AssertRoleRefused(HttpResponseMessage response, string pattern, string role)
    {
        if (Rules[pattern].Access == Access.Attempt && pattern.StartsWith("/api", StringComparison.Ordinal))
        {
            // Attempt routes check the owner, not the role, so another role's request finds no such attempt.
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{pattern} answered a {role} with {(int)response.StatusCode}");
            return;
        }

        var refused = pattern.StartsWith("/api", StringComparison.Ordinal) || pattern.StartsWith("/hubs", StringComparison.Ordinal)
            ? response.StatusCode == HttpStatusCode.Forbidden
            : response.StatusCode == HttpStatusCode.Redirect
              && response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true;
        Assert.True(refused, $"{pattern} answered a {role} with {(int)response.StatusCode} instead of refusing the role");
    }

    private sealed record OwnCase(int CaseId, int CaseSlideId, int NodeId, int FindingId);

    /// <summary>Returns a signed-out case of the primary site with a slide, a node and a finding, made once per host.</summary>
    private Task<OwnCase> OwnCaseAsync()
    {
        lock (OwnCases)
        {
            if (!OwnCases.TryGetValue(factory, out var own))
            {
                own = CreateOwnCaseAsync();
                OwnCases[factory] = own;
            }

            return own;
        }
    }

    private async Task<OwnCase> CreateOwnCaseAsync()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var (signedOut, slide, node, finding) = await BladderLnAi.Web.Tests.Review.ReviewApi.SignedOutCaseAsync(
            pathologist.Client, senior.Client, "cmu-1-small-region");
        return new OwnCase(signedOut.Id, slide.Id, node.Id, finding.Id);
    }

    private sealed record OwnTeaching(int SetId, int AttemptId, int CaseSlideId);

    /// <summary>
    /// Returns a case set of the primary site holding the signed-out case, assigned to the primary site's resident,
    /// whose attempt is submitted so that its heatmap route answers, made once per host.
    /// </summary>
    private Task<OwnTeaching> OwnTeachingAsync()
    {
        lock (OwnTeachings)
        {
            if (!OwnTeachings.TryGetValue(factory, out var own))
            {
                own = CreateOwnTeachingAsync();
                OwnTeachings[factory] = own;
            }

            return own;
        }
    }

    private async Task<OwnTeaching> CreateOwnTeachingAsync()
    {
        var own = await OwnCaseAsync();
        await TeachingSetup.CompletedAnalysisAsync(factory, "cmu-1-small-region");
        var resident = await factory.AccountAsync(Roles.Resident, TestSites.Primary);
        var (setId, _, _, attemptId) = await TeachingSetup.AssignAsync(factory, resident, own.CaseId);
        await factory.Services.GetRequiredService<AttemptService>().SubmitAsync(TeachingSetup.Principal(resident, Roles.Resident), attemptId);
        return new OwnTeaching(setId, attemptId, own.CaseSlideId);
    }

    private static bool IsRedirectToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true;

    /// <summary>
    /// Returns a completed analysis of the sample slide, run once per host by a pathologist of its site, so that
    /// its result files exist.
    /// </summary>
    private async Task<Guid> OwnJobAsync()
    {
        var owner = await factory.PathologistAsync();
        var response = await owner.Client.PostAsync($"/api/slides/{Slide}/analyses", null);
        var location = response.Headers.Location?.OriginalString
            ?? throw new InvalidOperationException($"Queueing an analysis answered {(int)response.StatusCode} without a location.");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var job = await owner.Client.GetStringAsync(location);
            if (job.Contains("\"status\":\"Completed\"", StringComparison.Ordinal))
            {
                return Guid.Parse(location.Split('/').Last());
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The analysis at {location} did not complete within 3 minutes.");
    }

    private async Task ShareAsync(string userId, DateTime expiresUtc)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var site = await database.Sites.SingleAsync(s => s.Code == TestSites.Primary);
        database.SlideShares.Add(new SlideShare
        {
            SlideId = Slide,
            SiteId = site.Id,
            SharedWithUserId = userId,
            SharedByUserId = userId,
            ExpiresUtc = expiresUtc,
        });
        await database.SaveChangesAsync();
        factory.Services.GetRequiredService<SlideAccess>().Invalidate();
    }
}
