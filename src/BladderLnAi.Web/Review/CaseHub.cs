using BladderLnAi.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BladderLnAi.Web.Review;

/// <summary>
/// SignalR hub at <c>/hubs/cases</c>. Reviewers call <see cref="WatchCase"/> and then receive <c>CaseChanged</c>
/// messages (<see cref="CaseChange"/>) for that case. Only members of the case's site may watch it.
/// </summary>
[Authorize(Policy = Policies.Reviewer)]
public sealed class CaseHub(CaseService cases) : Hub
{
    public const string Path = "/hubs/cases";

    public const string ChangeMethod = "CaseChanged";

    public static string GroupName(int caseId) => $"case:{caseId}";

    /// <summary>Subscribes the caller to the case's changes.</summary>
    public async Task WatchCase(int caseId)
    {
        if (Context.User is null || !await cases.CanViewAsync(Context.User, caseId, Context.ConnectionAborted))
        {
            throw new HubException($"Case {caseId} was not found.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(caseId));
    }

    public Task UnwatchCase(int caseId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(caseId));
}
