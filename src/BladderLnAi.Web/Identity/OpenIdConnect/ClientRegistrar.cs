using OpenIddict.Abstractions;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Creates or updates the configured clients when the host starts, after the database exists. Running it again with
/// the same configuration leaves the same clients, and a changed entry replaces the stored one, secret included.
/// </summary>
public sealed partial class ClientRegistrar(
    IServiceScopeFactory scopes,
    OpenIdConnectServerOptions options,
    ILogger<ClientRegistrar> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RegisterAsync(options.Clients, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates each client that does not exist and overwrites the stored registration of the others.</summary>
    /// <exception cref="InvalidOperationException">A client is invalid.</exception>
    public async Task RegisterAsync(
        IReadOnlyList<OpenIdConnectClientRegistration> clients,
        CancellationToken cancellationToken)
    {
        var descriptors = ClientDescriptorFactory.CreateAll(clients);
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var descriptor in descriptors)
        {
            var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                Log.ClientCreated(logger, descriptor.ClientId!, descriptor.ClientType!);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
                Log.ClientUpdated(logger, descriptor.ClientId!, descriptor.ClientType!);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
            Message = "Registered OpenID Connect client {ClientId} ({ClientType})")]
        public static partial void ClientCreated(ILogger logger, string clientId, string clientType);

        [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
            Message = "Updated OpenID Connect client {ClientId} ({ClientType}) from configuration")]
        public static partial void ClientUpdated(ILogger logger, string clientId, string clientType);
    }
}
