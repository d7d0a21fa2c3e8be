using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Sites;
using BladderLnAi.Web.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Identity;

/// <summary>
/// Creates the roles, and on first start with an empty database (when enabled) a demo site that owns the
/// configured slide folders and one account per role whose random password is logged once.
/// </summary>
public sealed partial class DemoAccountSeeder(
    BladderLnAiDbContext database,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    AccountOptions options,
    SlideOptions slideOptions,
    AppPaths paths,
    ILogger<DemoAccountSeeder> logger)
{
    public const string DemoSiteCode = "DEMO";

    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!options.SeedDemoAccounts || await database.Users.AnyAsync())
        {
            return;
        }

        var site = new Site { Name = "Demo hospital", Code = DemoSiteCode };
        foreach (var folder in slideOptions.Folders.Append(paths.DefaultSlideDirectory).Select(paths.Resolve).Distinct().Where(Directory.Exists))
        {
            site.SlideFolders.Add(new SiteSlideFolder { Path = folder });
        }

        database.Sites.Add(site);
        await database.SaveChangesAsync();
        foreach (var role in Roles.All)
        {
            await CreateDemoUserAsync(site, role);
        }
    }

    private async Task CreateDemoUserAsync(Site site, string role)
    {
        var userName = $"demo-{role.ToLowerInvariant()}";
        var user = new ApplicationUser { UserName = userName, DisplayName = $"Demo {role}", EmailConfirmed = true };
        var password = PasswordGenerator.Generate();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo account '{userName}' could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
        database.SiteMemberships.Add(new SiteMembership { UserId = user.Id, SiteId = site.Id });
        await database.SaveChangesAsync();
        Log.DemoAccountCreated(logger, userName, role, site.Code, password);
    }

    private static partial class Log
    {
        // The demo passwords exist only in this log line, written once when the accounts are created.
        [LoggerMessage(EventId = 800, Level = LogLevel.Warning,
            Message = "Created demo account {UserName} (role {Role}, site {SiteCode}) with password {Password}; it is shown only this once")]
        public static partial void DemoAccountCreated(ILogger logger, string userName, string role, string siteCode, string password);
    }
}
