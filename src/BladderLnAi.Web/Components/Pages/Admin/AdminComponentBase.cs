using System.Security.Claims;
using BladderLnAi.Web.Sites;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BladderLnAi.Web.Components.Pages.Admin;

/// <summary>
/// Runs each administration request in its own service scope, so that every request reads the database afresh,
/// and turns <see cref="AdministrationException"/> into a message on the page.
/// </summary>
public abstract class AdminComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    /// <summary>The last error, shown by the panel; null when the last request succeeded.</summary>
    protected string? Error { get; private set; }

    /// <summary>Information for the administrator, such as a one-time password; null when there is none.</summary>
    protected string? Notice { get; set; }

    protected async Task<T?> RunAsync<T>(Func<SiteAdministration, ClaimsPrincipal, Task<T>> request)
    {
        Error = null;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var administration = scope.ServiceProvider.GetRequiredService<SiteAdministration>();
            return await request(administration, (await Authentication).User);
        }
        catch (AdministrationException ex)
        {
            Error = ex.Message;
            return default;
        }
    }

    protected Task RunAsync(Func<SiteAdministration, ClaimsPrincipal, Task> request) =>
        RunAsync<bool>(async (administration, user) =>
        {
            await request(administration, user);
            return true;
        });
}
