using OpenIddict.Abstractions;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Deletes expired or revoked tokens and authorizations from the database every few hours, because OpenIddict stores
/// an entry for every token it issues.
/// </summary>
public sealed partial class TokenPruningService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TokenPruningService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>Entries younger than this stay, as with the default of OpenIddict.Quartz's pruning job.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PruneOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task PruneOnceAsync(CancellationToken cancellationToken)
    {
        var threshold = time.GetUtcNow() - Retention;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>()
                .PruneAsync(threshold, cancellationToken);
            var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>()
                .PruneAsync(threshold, cancellationToken);
            Log.Pruned(logger, tokens, authorizations, threshold);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PruneFailed(logger, exception, Interval.TotalHours);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
            Message = "Pruned {TokenCount} tokens and {AuthorizationCount} authorizations created before {Threshold}")]
        public static partial void Pruned(
            ILogger logger,
            long tokenCount,
            long authorizationCount,
            DateTimeOffset threshold);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Error,
            Message = "Pruning OpenID Connect tokens failed; retrying in {IntervalHours} hours")]
        public static partial void PruneFailed(ILogger logger, Exception exception, double intervalHours);
    }
}
