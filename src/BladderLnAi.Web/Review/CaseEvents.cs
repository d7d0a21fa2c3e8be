using Microsoft.AspNetCore.SignalR;

namespace BladderLnAi.Web.Review;

/// <summary>A change to a case, pushed to everybody who has the case open.</summary>
/// <param name="Kind">What changed: <c>finding</c>, <c>case</c>, <c>slide</c> or <c>node</c>.</param>
/// <param name="Description">One line for a notification, such as "Dr Chen confirmed finding 3".</param>
public sealed record CaseChange(int CaseId, string Kind, int? FindingId, string ByUserName, string Description, DateTime AtUtc);

/// <summary>
/// Sends case changes to the SignalR clients of the case's group and to in-process subscribers (Blazor circuits).
/// </summary>
public sealed partial class CaseEvents(IHubContext<CaseHub> hub, ILogger<CaseEvents> logger)
{
    /// <summary>Raised for every change; handlers must return quickly and must not throw.</summary>
    public event Action<CaseChange>? Published;

    public async Task PublishAsync(CaseChange change)
    {
        Published?.Invoke(change);
        try
        {
            await hub.Clients.Group(CaseHub.GroupName(change.CaseId)).SendAsync(CaseHub.ChangeMethod, change);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is saved; a client that misses the push sees it when it reloads the case.
            Log.PushFailed(logger, ex, change.CaseId, change.Kind);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
            Message = "Could not push a {ChangeKind} change of case {CaseId} to SignalR clients; they see it on reload")]
        public static partial void PushFailed(ILogger logger, Exception exception, int caseId, string changeKind);
    }
}
