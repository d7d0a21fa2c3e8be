using System.Security.Claims;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Audit;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// <c>/connect/authorize</c>: sends a user without a sign-in cookie to the sign-in page and back, and issues an
/// authorization code to a signed-in user. OpenIddict has already checked the client, redirect URI and PKCE.
/// </summary>
public static class AuthorizationEndpoint
{
    public static async Task<IResult> AuthorizeAsync(
        HttpContext context,
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations,
        AuditLog audit,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException(
            $"OpenIddict did not handle the request to {OpenIdConnectEndpoints.AuthorizationPath}.");

        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login) || IsOlderThanMaxAge(cookie, request, time))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OpenIdConnectEndpoints.Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            var returnTo = new AuthenticationProperties { RedirectUri = ReturnUrl(context.Request, request) };
            return Results.Challenge(returnTo, [IdentityConstants.ApplicationScheme]);
        }

        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            var logger = loggers.CreateLogger(typeof(AuthorizationEndpoint));
            OpenIdConnectLog.AuthorizationRejected(logger, user.UserName, request.ClientId);
            return OpenIdConnectEndpoints.Forbid(Errors.AccessDenied, "This account may not sign in.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!)
            ?? throw new InvalidOperationException(
                $"Client '{request.ClientId}' passed OpenIddict's checks but was not found.");
        var subject = await users.GetUserIdAsync(user);
        var applicationId = await applications.GetIdAsync(application)
            ?? throw new InvalidOperationException($"Client '{request.ClientId}' has no id in the database.");
        var granted = await authorizations
            .FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes())
            .ToListAsync();
        if (!await IsConsentGivenAsync(applications, application, granted))
        {
            OpenIdConnectLog.ConsentMissing(loggers.CreateLogger(typeof(AuthorizationEndpoint)), request.ClientId);
            return OpenIdConnectEndpoints.Forbid(
                Errors.ConsentRequired,
                "This client needs a consent the product cannot ask for. Register it in OpenIdConnect:Clients.");
        }

        var identity = TokenIdentities.CreateEmpty();
        await TokenIdentities.SetUserClaimsAsync(identity, user, users);
        TokenIdentities.SetScopes(identity, request.GetScopes());

        // A permanent authorization ties the codes, tokens and refresh tokens of this user and client together,
        // so that revoking it revokes all of them.
        var authorization = granted.LastOrDefault() ?? await authorizations.CreateAsync(
            identity,
            subject,
            applicationId,
            AuthorizationTypes.Permanent,
            identity.GetScopes());
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        identity.SetDestinations(TokenIdentities.DestinationsOf);

        var details = $"scope {request.Scope}";
        await audit.WriteAsync(context, "oidc.authorized", "client", request.ClientId, details: details);
        return Results.SignIn(
            new ClaimsPrincipal(identity),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Returns whether the user may skip a consent page, which the product does not have: always for implicit consent
    /// (every configured client), and for external consent only when an administrator granted an authorization.
    /// </summary>
    private static async Task<bool> IsConsentGivenAsync(
        IOpenIddictApplicationManager applications,
        object application,
        List<object> granted) =>
        await applications.GetConsentTypeAsync(application) switch
        {
            ConsentTypes.Implicit => true,
            ConsentTypes.External => granted.Count > 0,
            _ => false,
        };

    /// <summary>Returns whether the request's <c>max_age</c> is shorter than the cookie's age.</summary>
    /// <remarks>
    /// NOTE: the cookie's sliding expiration reissues it during use, so the issue time can be later than the
    /// sign-in and a session may pass a <c>max_age</c> check that the original sign-in would fail.
    /// </remarks>
    private static bool IsOlderThanMaxAge(AuthenticateResult cookie, OpenIddictRequest request, TimeProvider time) =>
        request.MaxAge is { } maxAge
        && cookie.Properties?.IssuedUtc is { } issued
        && time.GetUtcNow() - issued > TimeSpan.FromSeconds(maxAge);

    /// <summary>
    /// Returns this request as a local URL for the sign-in page to come back to, without <c>prompt=login</c> so that
    /// the user is not sent to sign in again after signing in.
    /// </summary>
    private static string ReturnUrl(HttpRequest http, OpenIddictRequest request)
    {
        var parameters = (http.HasFormContentType ? http.Form.AsEnumerable() : http.Query.AsEnumerable())
            .Where(parameter => parameter.Key != Parameters.Prompt)
            .ToList();
        var prompts = request.GetPromptValues().Remove(PromptValues.Login);
        if (!prompts.IsEmpty)
        {
            parameters.Add(new(Parameters.Prompt, string.Join(' ', prompts)));
        }

        return http.PathBase + http.Path + QueryString.Create(parameters);
    }
}
