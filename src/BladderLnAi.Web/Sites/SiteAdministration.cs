using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Audit;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Sites;
using BladderLnAi.Web.Audit;
using BladderLnAi.Web.Configuration;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Slides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Sites;

/// <summary>
/// Administration of sites, their slide folders, their users and roles, and the audit log. An administrator
/// manages only the sites they belong to; every change is written to the audit log.
/// </summary>
public sealed class SiteAdministration(
    BladderLnAiDbContext database,
    UserManager<ApplicationUser> users,
    SlideAccess access,
    SlideService slides,
    AuditLog audit,
    AppPaths paths)
{
    /// <summary>Returns the sites the administrator belongs to, with their folders.</summary>
    public async Task<IReadOnlyList<Site>> ListSitesAsync(ClaimsPrincipal admin)
    {
        var siteIds = await AdminSitesAsync(admin);
        return await database.Sites.AsNoTracking()
            .Include(site => site.SlideFolders)
            .Where(site => siteIds.Contains(site.Id))
            .OrderBy(site => site.Name)
            .ToListAsync();
    }

    /// <summary>Creates a site; its creator becomes a member.</summary>
    public async Task<Site> CreateSiteAsync(ClaimsPrincipal admin, string name, string code)
    {
        RequireAdmin(admin);
        name = Require(name, "site name");
        code = Require(code, "site code").ToUpperInvariant();
        if (await database.Sites.AnyAsync(site => site.Code == code))
        {
            throw new AdministrationException($"Site code '{code}' is already taken. Choose another code.");
        }

        var site = new Site { Name = name, Code = code };
        database.Sites.Add(site);
        await database.SaveChangesAsync();
        database.SiteMemberships.Add(new SiteMembership { UserId = admin.UserId()!, SiteId = site.Id });
        await database.SaveChangesAsync();
        await audit.WriteAsync(admin, "site.created", "site", code, site.Id, name);
        Refresh();
        return site;
    }

    /// <summary>Adds a slide folder to a site; the folder must exist on the server.</summary>
    public async Task AddFolderAsync(ClaimsPrincipal admin, int siteId, string folder)
    {
        await RequireSiteAsync(admin, siteId);
        var resolved = Path.TrimEndingDirectorySeparator(paths.Resolve(Require(folder, "folder")));
        if (!Directory.Exists(resolved))
        {
            throw new AdministrationException(
                $"Folder '{resolved}' does not exist on the server. Create it or correct the path.");
        }

        if (await database.SiteSlideFolders.AnyAsync(f => f.Path == resolved))
        {
            throw new AdministrationException($"Folder '{resolved}' already belongs to a site; a folder belongs to one site only.");
        }

        database.SiteSlideFolders.Add(new SiteSlideFolder { SiteId = siteId, Path = resolved });
        await database.SaveChangesAsync();
        await audit.WriteAsync(admin, "site.folder-added", "site", siteId.ToString(), siteId, resolved);
        Refresh();
    }

    public async Task RemoveFolderAsync(ClaimsPrincipal admin, int folderId)
    {
        var folder = await database.SiteSlideFolders.FirstOrDefaultAsync(f => f.Id == folderId)
            ?? throw new AdministrationException($"Slide folder {folderId} was not found.");
        await RequireSiteAsync(admin, folder.SiteId);
        database.SiteSlideFolders.Remove(folder);
        await database.SaveChangesAsync();
        await audit.WriteAsync(admin, "site.folder-removed", "site", folder.SiteId.ToString(), folder.SiteId, folder.Path);
        Refresh();
    }

    /// <summary>Returns the users of the administrator's sites with their roles and sites.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListUsersAsync(ClaimsPrincipal admin)
    {
        var siteIds = await AdminSitesAsync(admin);
        var members = await database.Users.AsNoTracking()
            .Include(user => user.Sites).ThenInclude(membership => membership.Site)
            .Where(user => user.Sites.Any(membership => siteIds.Contains(membership.SiteId)))
            .OrderBy(user => user.UserName)
            .ToListAsync();
        var summaries = new List<UserSummary>();
        foreach (var user in members)
        {
            var roles = await users.GetRolesAsync(user);
            var locked = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
            var sites = user.Sites.Select(m => m.Site!.Code).Order().ToList();
            summaries.Add(new UserSummary(user.Id, user.UserName!, user.DisplayName, roles.Order().ToList(), sites, locked, user.TwoFactorEnabled));
        }

        return summaries;
    }

    /// <summary>Creates an account on one of the administrator's sites and returns its one-time password.</summary>
    public async Task<string> CreateUserAsync(ClaimsPrincipal admin, string userName, string displayName, IReadOnlyCollection<string> roles, int siteId)
    {
        await RequireSiteAsync(admin, siteId);
        RequireKnownRoles(roles);
        var user = new ApplicationUser { UserName = Require(userName, "user name"), DisplayName = displayName.Trim() };
        var password = PasswordGenerator.Generate();
        Check(await users.CreateAsync(user, password), user.UserName);
        Check(await users.AddToRolesAsync(user, roles), user.UserName);
        database.SiteMemberships.Add(new SiteMembership { UserId = user.Id, SiteId = siteId });
        await database.SaveChangesAsync();
        await audit.WriteAsync(admin, "account.created", "account", user.UserName, siteId, $"roles {string.Join(", ", roles)}");
        Refresh();
        return password;
    }

    /// <summary>Sets a new random password, unlocks the account and returns the password to hand over.</summary>
    public async Task<string> ResetPasswordAsync(ClaimsPrincipal admin, string userId)
    {
        var (user, siteId) = await ManagedUserAsync(admin, userId);
        var password = PasswordGenerator.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password), user.UserName!);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(admin, "account.password-reset", "account", user.UserName, siteId);
        return password;
    }

    public async Task SetRolesAsync(ClaimsPrincipal admin, string userId, IReadOnlyCollection<string> roles)
    {
        RequireKnownRoles(roles);
        var (user, siteId) = await ManagedUserAsync(admin, userId);
        var current = await users.GetRolesAsync(user);
        if (user.Id == admin.UserId() && current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
        {
            throw new AdministrationException("You cannot remove your own Admin role; ask another administrator.");
        }

        Check(await users.RemoveFromRolesAsync(user, current.Except(roles)), user.UserName!);
        Check(await users.AddToRolesAsync(user, roles.Except(current)), user.UserName!);
        await audit.WriteAsync(
            admin, "account.roles-changed", "account", user.UserName, siteId,
            $"from {string.Join(", ", current.Order())} to {string.Join(", ", roles.Order())}");
    }

    public async Task SetLockedAsync(ClaimsPrincipal admin, string userId, bool locked)
    {
        var (user, siteId) = await ManagedUserAsync(admin, userId);
        if (locked && user.Id == admin.UserId())
        {
            throw new AdministrationException("You cannot lock your own account.");
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        await audit.WriteAsync(admin, locked ? "account.locked" : "account.unlocked", "account", user.UserName, siteId);
    }

    /// <summary>Adds a user of one of the administrator's sites to another of the administrator's sites.</summary>
    public async Task AddMembershipAsync(ClaimsPrincipal admin, string userId, int siteId)
    {
        await RequireSiteAsync(admin, siteId);
        var (user, _) = await ManagedUserAsync(admin, userId);
        if (await database.SiteMemberships.AnyAsync(m => m.UserId == userId && m.SiteId == siteId))
        {
            throw new AdministrationException($"{user.UserName} already belongs to site {siteId}.");
        }

        database.SiteMemberships.Add(new SiteMembership { UserId = userId, SiteId = siteId });
        await database.SaveChangesAsync();
        await audit.WriteAsync(admin, "account.site-added", "account", user.UserName, siteId);
        access.Invalidate();
    }

    /// <summary>Removes a user from one of the administrator's sites; the last site of an account cannot be removed.</summary>
    public async Task RemoveMembershipAsync(ClaimsPrincipal admin, string userId, int siteId)
    {
        await RequireSiteAsync(admin, siteId);
        var (user, _) = await ManagedUserAsync(admin, userId);
        var memberships = await database.SiteMemberships.Where(m => m.UserId == userId).ToListAsync();
        var membership = memberships.FirstOrDefault(m => m.SiteId == siteId)
            ?? throw new AdministrationException($"{user.UserName} does not belong to site {siteId}.");
        if (memberships.Count == 1)
        {
            throw new AdministrationException($"Site {siteId} is the only site of {user.UserName}; lock the account instead.");
        }

        database.SiteMemberships.Remove(membership);
        await database.SaveChangesAsync();
        await audit.WriteAsync(admin, "account.site-removed", "account", user.UserName, siteId);
        access.Invalidate();
    }

    /// <summary>Returns audit entries of the administrator's sites, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> SearchAuditAsync(ClaimsPrincipal admin, AuditFilter filter)
    {
        var siteIds = await AdminSitesAsync(admin);
        var memberIds = await database.SiteMemberships.Where(m => siteIds.Contains(m.SiteId)).Select(m => m.UserId).ToListAsync();
        var memberNames = await database.Users.Where(u => memberIds.Contains(u.Id)).Select(u => u.UserName!).ToListAsync();

        // Failed, locked-out and rate-limited sign-ins have no user or site yet, only the account name tried.
        var query = database.AuditEntries.AsNoTracking()
            .Where(entry => (entry.SiteId != null && siteIds.Contains(entry.SiteId.Value))
                            || (entry.SiteId == null && entry.UserId != null && memberIds.Contains(entry.UserId))
                            || (entry.ObjectType == "account" && entry.ObjectId != null && memberNames.Contains(entry.ObjectId)));
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(entry => entry.Action.Contains(filter.Action.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            query = query.Where(entry => entry.UserName != null && entry.UserName.Contains(filter.UserName.Trim()));
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(entry => entry.TimestampUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(entry => entry.TimestampUtc <= to);
        }

        return await query.OrderByDescending(entry => entry.Id).Take(Math.Clamp(filter.Limit, 1, 1000)).ToListAsync();
    }

    private async Task<IReadOnlyList<int>> AdminSitesAsync(ClaimsPrincipal admin)
    {
        RequireAdmin(admin);
        var userId = admin.UserId();
        return await database.SiteMemberships.Where(m => m.UserId == userId).Select(m => m.SiteId).ToListAsync();
    }

    private async Task RequireSiteAsync(ClaimsPrincipal admin, int siteId)
    {
        if (!(await AdminSitesAsync(admin)).Contains(siteId))
        {
            throw new AdministrationException($"Site {siteId} was not found among your sites.");
        }
    }

    /// <summary>Returns a user who belongs to one of the administrator's sites, and that site.</summary>
    private async Task<(ApplicationUser User, int SiteId)> ManagedUserAsync(ClaimsPrincipal admin, string userId)
    {
        var siteIds = await AdminSitesAsync(admin);
        var membership = await database.SiteMemberships
            .Where(m => m.UserId == userId && siteIds.Contains(m.SiteId))
            .FirstOrDefaultAsync();
        var user = membership is null ? null : await users.FindByIdAsync(userId);
        return user is null
            ? throw new AdministrationException($"User {userId} was not found among the users of your sites.")
            : (user, membership!.SiteId);
    }

    private void Refresh()
    {
        access.Invalidate();
        slides.UseFolders(access.AllFoldersAsync().GetAwaiter().GetResult());
    }

    private static void RequireAdmin(ClaimsPrincipal admin)
    {
        if (!admin.IsInRole(Roles.Admin) || admin.UserId() is null)
        {
            throw new AdministrationException("Only administrators can manage sites and accounts.");
        }
    }

    private static void RequireKnownRoles(IReadOnlyCollection<string> roles)
    {
        var unknown = roles.FirstOrDefault(role => !Roles.All.Contains(role));
        if (unknown is not null)
        {
            throw new AdministrationException($"Role '{unknown}' does not exist; choose from {string.Join(", ", Roles.All)}.");
        }
    }

    private static string Require(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new AdministrationException($"Enter a {what}.") : value.Trim();

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new AdministrationException(
                $"Account '{userName}' could not be changed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>A user as listed on the administration page.</summary>
public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Sites,
    bool Locked,
    bool TwoFactorEnabled);

/// <summary>Audit search criteria; empty criteria match everything.</summary>
public sealed record AuditFilter(string? Action = null, string? UserName = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Limit = 200);

/// <summary>An administration request that cannot be carried out; the message states why and what to do.</summary>
public sealed class AdministrationException(string message) : Exception(message);
