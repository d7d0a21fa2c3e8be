using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Audit;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// <c>/connect/token</c>: issues tokens for an authorization code or refresh token (as the user) and for client
/// credentials (as the client). OpenIddict has already checked the client, the code's PKCE verifier and the grant.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> ExchangeAsync(
        HttpContext context,
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn,
        IOpenIddictApplicationManager applications,
        AuditLog audit,
        ILoggerFactory loggers)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException(
            $"OpenIddict did not handle the request to {OpenIdConnectEndpoints.TokenPath}.");
        if (request.IsClientCredentialsGrantType())
        {
            return await IssueClientTokenAsync(context, request, applications, audit);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            return await IssueUserTokensAsync(context, users, signIn, loggers.CreateLogger(typeof(TokenEndpoint)));
        }

        // OpenIddict rejects every grant the server does not allow before this route runs.
        var unsupported = $"Grant type '{request.GrantType}' is not supported.";
        return OpenIdConnectEndpoints.Forbid(Errors.UnsupportedGrantType, unsupported);
    }

    /// <summary>
    /// Reissues the user's tokens from the code or refresh token, with the account's current name and roles, unless
    /// the account is gone, may not sign in, or changed its password or security settings since.
    /// </summary>
    private static async Task<IResult> IssueUserTokensAsync(
        HttpContext context,
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn,
        ILogger logger)
    {
        var grant = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = grant.Principal
            ?? throw new InvalidOperationException("OpenIddict validated the grant but returned no principal.");
        var subject = principal.GetClaim(Claims.Subject);
        var user = subject is null ? null : await users.FindByIdAsync(subject);
        if (user is null)
        {
            OpenIdConnectLog.GrantRejected(logger, subject, "the account no longer exists");
            return OpenIdConnectEndpoints.Forbid(Errors.InvalidGrant, "The account of this grant no longer exists.");
        }

        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            OpenIdConnectLog.GrantRejected(logger, subject, "the account is locked out or may not sign in");
            return OpenIdConnectEndpoints.Forbid(Errors.InvalidGrant, "This account may no longer sign in.");
        }

        if (principal.GetClaim(TokenIdentities.SecurityStampClaim) != await users.GetSecurityStampAsync(user))
        {
            OpenIdConnectLog.GrantRejected(logger, subject, "the password or security settings changed since");
            return OpenIdConnectEndpoints.Forbid(
                Errors.InvalidGrant,
                "The account's password or security settings changed after this grant. Sign in again.");
        }

        var identity = new ClaimsIdentity(
            principal.Claims,
            TokenValidationParameters.DefaultAuthenticationType,
            Claims.Name,
            Claims.Role);
        await TokenIdentities.SetUserClaimsAsync(identity, user, users);
        identity.SetDestinations(TokenIdentities.DestinationsOf);
        return Results.SignIn(
            new ClaimsPrincipal(identity),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Issues an access token with the client id as subject and name, and the roles of the registration.
    /// </summary>
    private static async Task<IResult> IssueClientTokenAsync(
        HttpContext context,
        OpenIddictRequest request,
        IOpenIddictApplicationManager applications,
        AuditLog audit)
    {
        var clientId = request.ClientId!;
        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException($"Client '{clientId}' passed OpenIddict's checks but is not found.");

        var identity = TokenIdentities.CreateEmpty();
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.Name, clientId);
        identity.SetClaims(Claims.Role, await ClientRolesAsync(applications, application));
        TokenIdentities.SetScopes(identity, request.GetScopes());
        identity.SetDestinations(TokenIdentities.DestinationsOf);

        await audit.WriteAsync(context, "oidc.client-token", "client", clientId, details: $"scope {request.Scope}");
        return Results.SignIn(
            new ClaimsPrincipal(identity),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<ImmutableArray<string>> ClientRolesAsync(
        IOpenIddictApplicationManager applications,
        object application)
    {
        var properties = await applications.GetPropertiesAsync(application);
        if (!properties.TryGetValue(ClientDescriptorFactory.ClientRolesProperty, out var roles)
            || roles.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. roles.EnumerateArray().Select(role => role.GetString()).OfType<string>()];
    }
}
