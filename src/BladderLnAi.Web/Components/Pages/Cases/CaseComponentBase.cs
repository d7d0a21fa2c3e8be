using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Review;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BladderLnAi.Web.Components.Pages.Cases;

/// <summary>
/// Loads a case for the signed-in reviewer, reloads it when anybody changes it (live, through
/// <see cref="CaseEvents"/>), and shows rejected actions as messages.
/// </summary>
public abstract class CaseComponentBase : ComponentBase, IDisposable
{
    [Inject]
    protected CaseService Cases { get; set; } = default!;

    [Inject]
    protected CaseSignOutService SignOut { get; set; } = default!;

    [Inject]
    protected FindingReviewService Findings { get; set; } = default!;

    [Inject]
    protected CaseEvents Events { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Parameter]
    public int CaseId { get; set; }

    protected Case? Case { get; private set; }

    protected CaseSummary? Summary { get; private set; }

    protected ReviewActor Actor { get; private set; } = default!;

    /// <summary>Message shown instead of the page, such as a case that does not exist for this user.</summary>
    protected string? LoadError { get; private set; }

    protected string? LastChange { get; private set; }

    /// <summary>True once the page runs interactively (after prerendering), when its buttons start to work.</summary>
    protected bool Interactive { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication).User;
        Actor = new ReviewActor(user, HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString());
        Events.Published += OnCaseChanged;
    }

    protected override async Task OnParametersSetAsync() => await ReloadAsync();

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            Interactive = true;
            StateHasChanged();
        }

        return Task.CompletedTask;
    }

    protected virtual async Task ReloadAsync()
    {
        try
        {
            Case = await Cases.GetAsync(Actor.User, CaseId, CancellationToken.None);
            Summary = CaseSummary.Compute(Case.LymphNodes, Case.Findings);
            LoadError = null;
        }
        catch (ReviewException ex)
        {
            Case = null;
            LoadError = ex.Message;
        }
    }

    /// <summary>Runs a review action, shows its rejection as an error, and reloads the case.</summary>
    protected async Task RunAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }
        }
        catch (ReviewException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }

        await ReloadAsync();
    }

    private void OnCaseChanged(CaseChange change)
    {
        if (change.CaseId != CaseId)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            LastChange = change.Description;
            await ReloadAsync();
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        Events.Published -= OnCaseChanged;
        GC.SuppressFinalize(this);
    }
}
