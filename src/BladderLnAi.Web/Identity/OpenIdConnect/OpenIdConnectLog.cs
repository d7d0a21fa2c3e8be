namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>Log messages of the OpenID Connect routes.</summary>
internal static partial class OpenIdConnectLog
{
    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Rejected the authorization request of {UserName} for client {ClientId} "
            + "because the account is locked out or may not sign in")]
    public static partial void AuthorizationRejected(ILogger logger, string? userName, string? clientId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "Rejected an authorization request for client {ClientId} "
            + "because its consent type needs a consent page, which the product does not have")]
    public static partial void ConsentMissing(ILogger logger, string? clientId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "Rejected a code or refresh token of account {UserId} because {Reason}")]
    public static partial void GrantRejected(ILogger logger, string? userId, string reason);
}
