using System.Net;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Security;

[Trait("Category", "Security")]
public sealed class SignInTests
{
    [Fact]
    public async Task SignIn_RepeatedWrongPasswords_LocksAccountAndAudits()
    {
        await using var factory = new BladderLnAiFactory();
        var (_, userName, password) = await TestAccounts.CreateAccountAsync(factory, Roles.Pathologist, TestSites.Primary);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await TestAccounts.PostSignInAsync(client, userName, "wrong-password-123");
        }

        var lockedOut = await TestAccounts.PostSignInAsync(client, userName, password);
        var page = await lockedOut.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, lockedOut.StatusCode);
        Assert.Contains("locked", page);
        // The fifth failure locks the account, so it and the later correct attempt are both recorded as locked out.
        var actions = await AuditActionsAsync(factory, userName);
        Assert.Equal(4, actions.Count(action => action == "sign-in.failed"));
        Assert.Equal(2, actions.Count(action => action == "sign-in.locked-out"));
    }

    [Fact]
    public async Task SignIn_TooManyAttempts_IsRateLimitedAndAudited()
    {
        await using var factory = new RateLimitedFactory();
        var (_, userName, password) = await TestAccounts.CreateAccountAsync(factory, Roles.Resident, TestSites.Primary);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await TestAccounts.PostSignInAsync(client, $"nobody-{attempt}", "wrong-password-123");
        }

        var limited = await TestAccounts.PostSignInAsync(client, userName, password);

        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());
        Assert.Contains("sign-in.rate-limited", await AuditActionsAsync(factory, userName));
    }

    [Fact]
    public async Task SignIn_CorrectPassword_AuditsSuccessWithAddress()
    {
        await using var factory = new BladderLnAiFactory();
        var account = await factory.SignInAsync(Roles.Educator);

        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var entry = await database.AuditEntries.SingleAsync(e => e.UserName == account.UserName && e.Action == "sign-in.succeeded");

        Assert.Equal(account.UserId, entry.UserId);
        Assert.False(string.IsNullOrEmpty(entry.RemoteAddress), "the audit entry should record the client address");
    }

    [Fact]
    public async Task AuditLog_ChangeOrDelete_IsRejected()
    {
        await using var factory = new BladderLnAiFactory();
        await factory.SignInAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var entry = await database.AuditEntries.FirstAsync();

        entry.Action = "tampered";
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => database.SaveChangesAsync());
        database.ChangeTracker.Clear();
        database.AuditEntries.Remove(await database.AuditEntries.FirstAsync());
        var deleted = await Assert.ThrowsAsync<InvalidOperationException>(() => database.SaveChangesAsync());

        Assert.Contains("append-only", changed.Message);
        Assert.Contains("append-only", deleted.Message);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRejected()
    {
        await using var factory = new BladderLnAiFactory();
        var account = await factory.SignInAsync();

        var response = await account.Client.PostAsync("/account/logout", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<List<string>> AuditActionsAsync(BladderLnAiFactory factory, string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        return await database.AuditEntries
            .Where(entry => entry.ObjectId == userName || entry.UserName == userName)
            .Select(entry => entry.Action)
            .ToListAsync();
    }

    /// <summary>A host that allows three sign-in attempts per window.</summary>
    private sealed class RateLimitedFactory : BladderLnAiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Identity:SignInAttemptsPerWindow", "3");
        }
    }
}
