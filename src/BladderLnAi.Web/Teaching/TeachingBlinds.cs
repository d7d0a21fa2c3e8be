using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Teaching;

/// <summary>
/// What a resident must not see. While a resident's attempt at a case is open, every slide of that case is hidden
/// from them on the ordinary slide, analysis and review routes (404, as for another site's slide), so its findings,
/// heatmap, composites and analysis results stay out of reach; the attempt shows the slide through the teaching
/// routes only. Label and macro images, which carry patient identifiers, are hidden from residents on every slide.
/// </summary>
/// <remarks>
/// NOTE: a hub connection that joined a slide's group before the assignment keeps receiving that slide's job events
/// until it reconnects, and another web node sees the assignment only when its cached grants expire (30 s), because
/// <see cref="Sites.SlideAccess.Invalidate"/> clears the cache of this process only.
/// </remarks>
public static class TeachingBlinds
{
    /// <summary>Associated images that show the slide label, and with it the accession number or patient name.</summary>
    private static readonly HashSet<string> LabelImages = new(StringComparer.OrdinalIgnoreCase) { "label", "macro" };

    /// <summary>Returns whether the user may not see the associated image of that name on any slide.</summary>
    public static bool HidesAssociatedImage(ClaimsPrincipal user, string imageName) =>
        user.IsInRole(Roles.Resident) && LabelImages.Contains(imageName);

    /// <summary>
    /// Returns the catalogue ids of the slides of every case that the user was assigned in a case set and has not
    /// submitted an attempt for yet.
    /// </summary>
    public static async Task<HashSet<string>> BlindSlideIdsAsync(
        BladderLnAiDbContext database,
        string userId,
        CancellationToken cancellationToken)
    {
        var slideIds = await (
                from assignment in database.CaseSetAssignments
                where assignment.ResidentUserId == userId
                join setCase in database.CaseSetCases on assignment.CaseSetId equals setCase.CaseSetId
                where !database.TeachingAttempts.Any(attempt =>
                    attempt.AssignmentId == assignment.Id
                    && attempt.CaseSetCaseId == setCase.Id
                    && attempt.SubmittedUtc != null)
                join slide in database.CaseSlides on setCase.CaseId equals slide.CaseId
                select slide.SlideId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return slideIds.ToHashSet(StringComparer.Ordinal);
    }
}
