using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Sites;
using BladderLnAi.Slides;
using BladderLnAi.Web.Audit;
using BladderLnAi.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Sites;

/// <summary>
/// Shares a slide for consultation with a named user of another site until a date, and revokes shares. Only
/// members of the slide's own site may share it; consultants cannot pass it on.
/// </summary>
public sealed class SlideSharing(BladderLnAiDbContext database, SlideAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>Longest consultation share, in days.</summary>
    public const int MaximumDays = 90;

    public async Task<SlideShare> ShareAsync(ClaimsPrincipal owner, SlideEntry slide, string userName, int days)
    {
        var siteId = await RequireOwnerAsync(owner, slide);
        if (days is < 1 or > MaximumDays)
        {
            throw new AdministrationException($"A share lasts 1 to {MaximumDays} days, not {days}.");
        }

        var target = await database.Users.FirstOrDefaultAsync(user => user.UserName == userName.Trim())
            ?? throw new AdministrationException($"User '{userName}' was not found. Check the user name with their site's administrator.");
        var share = new SlideShare
        {
            SlideId = slide.Id,
            SiteId = siteId,
            SharedWithUserId = target.Id,
            SharedByUserId = owner.UserId()!,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            ExpiresUtc = time.GetUtcNow().UtcDateTime.AddDays(days),
        };
        database.SlideShares.Add(share);
        await database.SaveChangesAsync();
        await audit.WriteAsync(owner, "share.created", "slide", slide.Id, siteId, $"with {target.UserName} until {share.ExpiresUtc:u}");
        access.Invalidate();
        return share;
    }

    /// <summary>Returns the slide's shares with the names of the users they are shared with.</summary>
    public async Task<IReadOnlyList<(SlideShare Share, string UserName)>> ListAsync(ClaimsPrincipal owner, SlideEntry slide)
    {
        await RequireOwnerAsync(owner, slide);
        var shares = await database.SlideShares.AsNoTracking()
            .Where(share => share.SlideId == slide.Id)
            .Join(database.Users, share => share.SharedWithUserId, user => user.Id, (share, user) => new { share, user.UserName })
            .OrderByDescending(pair => pair.share.ExpiresUtc)
            .ToListAsync();
        return shares.Select(pair => (pair.share, pair.UserName ?? "")).ToList();
    }

    public async Task RevokeAsync(ClaimsPrincipal owner, SlideEntry slide, int shareId)
    {
        var siteId = await RequireOwnerAsync(owner, slide);
        var share = await database.SlideShares.FirstOrDefaultAsync(s => s.Id == shareId && s.SlideId == slide.Id)
            ?? throw new AdministrationException($"Share {shareId} of slide {slide.Id} was not found.");
        database.SlideShares.Remove(share);
        await database.SaveChangesAsync();
        await audit.WriteAsync(owner, "share.revoked", "slide", slide.Id, siteId, $"share {shareId}");
        access.Invalidate();
    }

    private async Task<int> RequireOwnerAsync(ClaimsPrincipal owner, SlideEntry slide)
    {
        var siteId = await access.SiteOfAsync(slide);
        var sites = await access.SitesOfAsync(owner);
        return siteId is { } id && sites.Contains(id)
            ? id
            : throw new AdministrationException($"Only members of the site that owns slide '{slide.Id}' can share it.");
    }
}
