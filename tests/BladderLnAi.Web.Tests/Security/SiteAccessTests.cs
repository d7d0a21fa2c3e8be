using System.Net;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Sites;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;

namespace BladderLnAi.Web.Tests.Security;

/// <summary>
/// Who may reach a slide's routes: members of its site and holders of an unexpired share; everybody else gets
/// 404 (signed in) or 401 (anonymous).
/// </summary>
[Trait("Category", "Security")]
public sealed class SiteAccessTests(BladderLnAiFactory factory) : IClassFixture<BladderLnAiFactory>
{
    private const string SlideId = "cmu-1-16x16";

    public static TheoryData<string, string> SlideRoutes => new()
    {
        { "GET", $"/api/slides/{SlideId}/analyses/latest" },
        { "POST", $"/api/slides/{SlideId}/analyses" },
    };

    [Theory]
    [MemberData(nameof(SlideRoutes))]
    public async Task SlideRoute_Anonymous_ReturnsUnauthorized(string method, string url)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(SlideRoutes))]
    public async Task SlideRoute_OtherSite_ReturnsNotFound(string method, string url)
    {
        var outsider = await factory.SignInAsync(Roles.SeniorPathologist, TestSites.Other);

        var response = await outsider.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SlideRoute_ExpiredShare_ReturnsNotFound()
    {
        var consultant = await factory.SignInAsync(Roles.Pathologist, TestSites.Other);
        await AddShareAsync(consultant.UserId, DateTime.UtcNow.AddMinutes(-1));

        var response = await consultant.Client.GetAsync($"/api/slides/{SlideId}/analyses/latest");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SlideRoute_ActiveShare_IsAllowed()
    {
        var consultant = await factory.SignInAsync(Roles.Pathologist, TestSites.Other);
        await AddShareAsync(consultant.UserId, DateTime.UtcNow.AddDays(1));

        var hub = factory.CreateHubConnection(consultant);
        await hub.StartAsync();
        var current = await hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", SlideId);
        var response = await consultant.Client.GetAsync($"/api/slides/{SlideId}/analyses/latest");
        await hub.DisposeAsync();

        // Other tests may have analysed the slide already, so there may or may not be a latest job.
        Assert.True(current is null || current.SlideId == SlideId, "the hub returned another slide's job");
        Assert.True(
            response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound && (current is null) == (response.StatusCode == HttpStatusCode.NotFound),
            $"the latest-job route answered {(int)response.StatusCode} while the hub returned {(current is null ? "no job" : "a job")}");
    }

    [Fact]
    public async Task PageRoute_Anonymous_RedirectsToSignIn()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/slides/{SlideId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Hub_OtherSite_CannotWatchSlide()
    {
        var outsider = await factory.SignInAsync(Roles.Admin, TestSites.Other);
        await using var hub = factory.CreateHubConnection(outsider);
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", SlideId));

        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public async Task Hub_Anonymous_CannotConnect()
    {
        await using var hub = factory.CreateHubConnection();

        await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
    }

    [Fact]
    public async Task Job_OtherSite_ReturnsNotFoundForEveryJobRoute()
    {
        var member = await factory.PathologistAsync();
        var queued = await member.Client.PostAsync($"/api/slides/{SlideId}/analyses", null);
        var jobUrl = queued.Headers.Location!.OriginalString;
        var outsider = await factory.SignInAsync(Roles.Pathologist, TestSites.Other);

        var read = await outsider.Client.GetAsync(jobUrl);
        var cancel = await outsider.Client.PostAsync($"{jobUrl}/cancel", null);
        var retry = await outsider.Client.PostAsync($"{jobUrl}/retry", null);
        var file = await outsider.Client.GetAsync($"{jobUrl}/files/summary.json");
        var own = await member.Client.GetAsync(jobUrl);

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Administration_OtherSiteUser_CannotBeManaged()
    {
        var (outsiderId, _, _) = await TestAccounts.CreateAccountAsync(factory, Roles.Resident, TestSites.Other);
        var admin = await factory.SignInAsync(Roles.Admin, TestSites.Primary);
        await using var scope = factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<SiteAdministration>();
        var principal = await PrincipalAsync(scope, admin.UserId);

        var error = await Assert.ThrowsAsync<AdministrationException>(() => administration.ResetPasswordAsync(principal, outsiderId));
        var users = await administration.ListUsersAsync(principal);

        Assert.Contains("not found", error.Message);
        Assert.DoesNotContain(users, user => user.Id == outsiderId);
        Assert.Contains(users, user => user.Id == admin.UserId);
    }

    [Fact]
    public async Task Administration_SecondSite_GrantsItsSlides()
    {
        var admin = await factory.SignInAsync(Roles.Admin, TestSites.Primary);
        var (memberId, _, _) = await TestAccounts.CreateAccountAsync(factory, Roles.Pathologist, TestSites.Primary);
        var visitor = await factory.SignInAsync(Roles.Pathologist, TestSites.Other);
        await using var scope = factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<SiteAdministration>();
        var principal = await PrincipalAsync(scope, admin.UserId);
        var primary = (await administration.ListSitesAsync(principal)).Single(site => site.Code == TestSites.Primary);
        var before = await visitor.Client.GetAsync($"/api/slides/{SlideId}");

        // The visitor's only site is not the administrator's, so the administrator cannot manage them.
        var foreign = await Assert.ThrowsAsync<AdministrationException>(
            () => administration.AddMembershipAsync(principal, visitor.UserId, primary.Id));
        var lastSite = await Assert.ThrowsAsync<AdministrationException>(
            () => administration.RemoveMembershipAsync(principal, memberId, primary.Id));

        // Once the administrator also belongs to the visitor's site, they may add the visitor to theirs.
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var other = await database.Sites.SingleAsync(site => site.Code == TestSites.Other);
        database.SiteMemberships.Add(new SiteMembership { UserId = admin.UserId, SiteId = other.Id });
        await database.SaveChangesAsync();
        await administration.AddMembershipAsync(principal, visitor.UserId, primary.Id);
        var after = await visitor.Client.GetAsync($"/api/slides/{SlideId}");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("not found", foreign.Message);
        Assert.Contains("only site", lastSite.Message);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AuditSearch_FailedSignInOfMember_IsVisibleToAdmin()
    {
        var (_, memberName, _) = await TestAccounts.CreateAccountAsync(factory, Roles.Resident, TestSites.Primary);
        var (_, outsiderName, _) = await TestAccounts.CreateAccountAsync(factory, Roles.Resident, TestSites.Other);
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.PostSignInAsync(anonymous, memberName, "wrong-password-123");
        await TestAccounts.PostSignInAsync(anonymous, outsiderName, "wrong-password-123");
        var admin = await factory.SignInAsync(Roles.Admin, TestSites.Primary);
        await using var scope = factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<SiteAdministration>();

        var entries = await administration.SearchAuditAsync(await PrincipalAsync(scope, admin.UserId), new AuditFilter("sign-in.failed"));

        Assert.Contains(entries, entry => entry.ObjectId == memberName);
        Assert.DoesNotContain(entries, entry => entry.ObjectId == outsiderName);
    }

    [Fact]
    public async Task Administration_NonAdmin_IsRejected()
    {
        var pathologist = await factory.SignInAsync(Roles.Pathologist, TestSites.Primary);
        await using var scope = factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<SiteAdministration>();
        var principal = await PrincipalAsync(scope, pathologist.UserId);

        await Assert.ThrowsAsync<AdministrationException>(() => administration.ListSitesAsync(principal));
        var page = await pathologist.Client.GetAsync("/admin");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    private async Task AddShareAsync(string userId, DateTime expiresUtc)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var site = await database.Sites.SingleAsync(s => s.Code == TestSites.Primary);
        database.SlideShares.Add(new SlideShare
        {
            SlideId = SlideId,
            SiteId = site.Id,
            SharedWithUserId = userId,
            SharedByUserId = userId,
            ExpiresUtc = expiresUtc,
        });
        await database.SaveChangesAsync();
        factory.Services.GetRequiredService<SlideAccess>().Invalidate();
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(AsyncServiceScope scope, string userId)
    {
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<ApplicationUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(userId))!);
    }
}
