using System.Net;
using System.Text.RegularExpressions;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Sites;
using BladderLnAi.Tests;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Integration;

/// <summary>Site codes used by the tests: the primary site owns the sample slides, the other owns none.</summary>
public static class TestSites
{
    public const string Primary = "TEST";
    public const string Other = "OTHER";
}

/// <summary>An account signed in through the real sign-in form, with its cookie.</summary>
public sealed record SignedInAccount(string UserId, string UserName, string Password, CookieContainer Cookies, HttpClient Client);

/// <summary>Creates test sites and accounts in the host's database and signs them in.</summary>
public static partial class TestAccounts
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<SignedInAccount> SignInAsync(BladderLnAiFactory factory, string role, string siteCode)
    {
        var (userId, userName, password) = await CreateAccountAsync(factory, role, siteCode);
        var cookies = new CookieContainer();
        var client = factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        var response = await PostSignInAsync(client, userName, password);
        if (!cookies.GetCookies(factory.Server.BaseAddress).Any(cookie => cookie.Name == "BladderLnAi.Session"))
        {
            throw new InvalidOperationException(
                $"Signing in {userName} set no session cookie; the sign-in page answered {(int)response.StatusCode}.");
        }

        return new SignedInAccount(userId, userName, password, cookies, client);
    }

    /// <summary>Posts the sign-in form with its antiforgery token and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var token = await ReadAntiforgeryTokenAsync(client, "/account/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/account/login", form);
    }

    /// <summary>Loads a statically rendered form page and returns the antiforgery token its form posts back.</summary>
    public static async Task<string> ReadAntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        return AntiforgeryToken().Match(page).Groups[1].Value;
    }

    /// <summary>Creates an account with a role on a site and returns its id, name and password.</summary>
    public static async Task<(string UserId, string UserName, string Password)> CreateAccountAsync(
        BladderLnAiFactory factory,
        string role,
        string siteCode)
    {
        await Gate.WaitAsync();
        try
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
            var site = await EnsureSiteAsync(database, siteCode);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var userName = $"{role.ToLowerInvariant()}-{siteCode.ToLowerInvariant()}-{Guid.NewGuid():N}"[..40];
            var password = $"Test-{Guid.NewGuid():N}";
            var user = new ApplicationUser { UserName = userName, DisplayName = userName };
            Check(await users.CreateAsync(user, password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            database.SiteMemberships.Add(new SiteMembership { UserId = user.Id, SiteId = site.Id });
            await database.SaveChangesAsync();
            RefreshSites(factory);
            return (user.Id, userName, password);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Site> EnsureSiteAsync(BladderLnAiDbContext database, string code)
    {
        var site = await database.Sites.FirstOrDefaultAsync(s => s.Code == code);
        if (site is not null)
        {
            return site;
        }

        site = new Site { Name = $"{code} hospital", Code = code };
        if (code == TestSites.Primary)
        {
            site.SlideFolders.Add(new SiteSlideFolder { Path = Path.GetFullPath(TestPaths.SampleSlides) });
        }

        database.Sites.Add(site);
        await database.SaveChangesAsync();
        return site;
    }

    private static void RefreshSites(BladderLnAiFactory factory)
    {
        var access = factory.Services.GetRequiredService<SlideAccess>();
        access.Invalidate();
        var folders = access.AllFoldersAsync().GetAwaiter().GetResult();
        factory.Services.GetRequiredService<SlideService>().UseFolders(folders);
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Test account {userName} could not be set up: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
