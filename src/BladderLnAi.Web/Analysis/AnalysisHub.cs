using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using Microsoft.AspNetCore.SignalR;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// SignalR hub at <c>/hubs/analysis</c>. Clients call <see cref="WatchSlide"/> and then receive
/// <c>JobEvent</c> messages (<see cref="AnalysisJobEvent"/>) for that slide's analyses.
/// </summary>
public sealed class AnalysisHub(SlideService slides, SlideAccess access, AnalysisJobService jobs) : Hub
{
    public const string Path = "/hubs/analysis";

    public const string JobEventMethod = "JobEvent";

    public static string GroupName(string slideId) => $"slide:{slideId}";

    /// <summary>Subscribes the caller to the slide's job events and returns the latest job's state, if any.</summary>
    public async Task<AnalysisJobEvent?> WatchSlide(string slideId)
    {
        if (!slides.TryGet(slideId, out var entry) || Context.User is null || !await access.CanViewAsync(Context.User, entry))
        {
            throw new HubException($"Slide '{slideId}' was not found.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(slideId));
        var latest = await jobs.GetLatestAsync(slideId, Context.ConnectionAborted);
        return latest is null ? null : AnalysisJobEvent.From("current", latest);
    }

    public Task UnwatchSlide(string slideId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(slideId));
}
