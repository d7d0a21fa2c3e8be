using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>Scopes and API audience of the built-in OpenID Connect server.</summary>
public static class OpenIdConnectScopes
{
    /// <summary>
    /// Scope that lets an access token call the routes under <c>/api</c>, <c>/dzi</c> and <c>/hubs</c>.
    /// </summary>
    public const string Api = "bladderln.api";

    /// <summary>
    /// Audience written to access tokens granted <see cref="Api"/>. The local validation accepts only tokens with
    /// this audience, so a token issued for <c>openid profile</c> alone cannot call the routes.
    /// </summary>
    public const string ApiAudience = "bladderln-api";

    /// <summary>Every scope the server grants.</summary>
    public static readonly IReadOnlyList<string> All =
        [Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, Api];
}
