using System.Collections.Concurrent;
using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Slides;
using BladderLnAi.Web.Configuration;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Teaching;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Sites;

/// <summary>
/// Decides who may see a slide: members of the site whose slide folder contains it, and users it is shared
/// with until the share expires, except the slides of a teaching case the user has an open attempt at
/// (<see cref="TeachingBlinds"/>). Callers return 404 for a slide the user may not see, so ids leak nothing.
/// </summary>
public sealed class SlideAccess(IDbContextFactory<BladderLnAiDbContext> databases, AppPaths paths, TimeProvider time)
{
    /// <summary>How long a user's memberships and shares are cached between database reads.</summary>
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, UserGrants> _grants = new();
    private volatile IReadOnlyList<SiteFolder>? _folders;

    /// <summary>Returns the id of the site whose slide folder contains the slide, or null.</summary>
    public async Task<int?> SiteOfAsync(SlideEntry entry, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(entry.FullPath) ?? "";
        var folders = await FoldersAsync(cancellationToken);
        return folders.FirstOrDefault(folder => string.Equals(folder.Path, directory, StringComparison.Ordinal))?.SiteId;
    }

    /// <summary>Returns every site slide folder as a full path, for the slide catalogue.</summary>
    public async Task<IReadOnlyList<string>> AllFoldersAsync(CancellationToken cancellationToken = default) =>
        (await FoldersAsync(cancellationToken)).Select(folder => folder.Path).Distinct().ToList();

    public async Task<bool> CanViewAsync(ClaimsPrincipal user, SlideEntry entry, CancellationToken cancellationToken = default)
    {
        var userId = user.UserId();
        if (userId is null)
        {
            return false;
        }

        var grants = await GrantsAsync(userId, cancellationToken);
        if (grants.BlindSlideIds.Contains(entry.Id))
        {
            return false;
        }

        var siteId = await SiteOfAsync(entry, cancellationToken);
        return (siteId is { } id && grants.SiteIds.Contains(id))
            || grants.Shares.Any(share => share.SlideId == entry.Id && share.ExpiresUtc > time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Returns the sites the user belongs to.</summary>
    public async Task<IReadOnlySet<int>> SitesOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.UserId();
        return userId is null ? new HashSet<int>() : (await GrantsAsync(userId, cancellationToken)).SiteIds;
    }

    /// <summary>Forgets cached folders and grants after sites, memberships, shares or teaching assignments change.</summary>
    public void Invalidate()
    {
        _folders = null;
        _grants.Clear();
    }

    private async Task<IReadOnlyList<SiteFolder>> FoldersAsync(CancellationToken cancellationToken)
    {
        if (_folders is { } cached)
        {
            return cached;
        }

        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var folders = await database.SiteSlideFolders.AsNoTracking().ToListAsync(cancellationToken);
        var resolved = folders
            .Select(folder => new SiteFolder(folder.SiteId, Path.TrimEndingDirectorySeparator(paths.Resolve(folder.Path))))
            .ToList();
        _folders = resolved;
        return resolved;
    }

    private async Task<UserGrants> GrantsAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_grants.TryGetValue(userId, out var cached) && now - cached.ReadAt < CacheLifetime)
        {
            return cached;
        }

        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var sites = await database.SiteMemberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => m.SiteId)
            .ToListAsync(cancellationToken);
        var shares = await database.SlideShares.AsNoTracking()
            .Where(s => s.SharedWithUserId == userId)
            .Select(s => new ShareGrant(s.SlideId, s.ExpiresUtc))
            .ToListAsync(cancellationToken);
        var blind = await TeachingBlinds.BlindSlideIdsAsync(database, userId, cancellationToken);
        var grants = new UserGrants(sites.ToHashSet(), shares, blind, now);
        _grants[userId] = grants;
        return grants;
    }

    private sealed record SiteFolder(int SiteId, string Path);

    private sealed record ShareGrant(string SlideId, DateTime ExpiresUtc);

    private sealed record UserGrants(
        IReadOnlySet<int> SiteIds,
        IReadOnlyList<ShareGrant> Shares,
        IReadOnlySet<string> BlindSlideIds,
        DateTimeOffset ReadAt);
}
