using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// The OpenID Connect routes that OpenIddict validates and then passes on: authorization, token, userinfo and end
/// session. Discovery (<c>/.well-known/openid-configuration</c>) and the key set are served by OpenIddict itself.
/// </summary>
public static class OpenIdConnectEndpoints
{
    public const string AuthorizationPath = "/connect/authorize";

    public const string TokenPath = "/connect/token";

    public const string UserInfoPath = "/connect/userinfo";

    public const string EndSessionPath = "/connect/logout";

    /// <summary>
    /// Maps the routes. They allow anonymous requests because each one checks its own credentials: the sign-in cookie,
    /// the client's secret or PKCE verifier, or the access token.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenIdConnectEndpoints(this IEndpointRouteBuilder app)
    {
        string[] getOrPost = [HttpMethods.Get, HttpMethods.Post];
        var routes = app.MapGroup("").AllowAnonymous().DisableAntiforgery();
        routes.MapMethods(AuthorizationPath, getOrPost, AuthorizationEndpoint.AuthorizeAsync);
        routes.MapPost(TokenPath, TokenEndpoint.ExchangeAsync);
        routes.MapMethods(UserInfoPath, getOrPost, UserInfoEndpoint.GetAsync);
        routes.MapMethods(EndSessionPath, getOrPost, EndSessionEndpoint.EndAsync);
        return app;
    }

    /// <summary>Returns an OpenID Connect error response with the standard <paramref name="error"/> code.</summary>
    internal static IResult Forbid(string error, string description) =>
        Results.Forbid(ErrorProperties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Returns 401 with <c>WWW-Authenticate</c>, for an access token rejected at the userinfo route.</summary>
    internal static IResult Challenge(string error, string description) =>
        Results.Challenge(
            ErrorProperties(error, description),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties ErrorProperties(string error, string description) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
}
