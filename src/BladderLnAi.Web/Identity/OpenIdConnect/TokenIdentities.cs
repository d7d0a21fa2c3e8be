using System.Collections.Immutable;
using System.Security.Claims;
using BladderLnAi.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Builds the identities that OpenIddict turns into tokens and decides which token carries which claim.
/// </summary>
public static class TokenIdentities
{
    /// <summary>
    /// Claim with the account's security stamp, which ASP.NET Core Identity changes with the password or security
    /// settings. It stays inside codes and refresh tokens (no destination), and a refresh with an old stamp is
    /// rejected.
    /// </summary>
    public const string SecurityStampClaim = "bladderln_security_stamp";

    /// <summary>Creates an empty identity whose name and role claims are <c>name</c> and <c>role</c>.</summary>
    public static ClaimsIdentity CreateEmpty() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    /// <summary>
    /// Sets the account's <c>sub</c>, <c>name</c>, <c>role</c> and security stamp claims on the identity, replacing
    /// older values so that a refreshed token reflects role changes.
    /// </summary>
    /// <remarks>
    /// <c>name</c> is the user name, not the display name, because the audit log and job records take
    /// <c>ClaimsPrincipal.Identity.Name</c> for both cookie and token requests.
    /// </remarks>
    public static async Task SetUserClaimsAsync(
        ClaimsIdentity identity,
        ApplicationUser user,
        UserManager<ApplicationUser> users)
    {
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user));
        identity.SetClaim(Claims.Name, await users.GetUserNameAsync(user));
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        identity.SetClaim(SecurityStampClaim, await users.GetSecurityStampAsync(user));
    }

    /// <summary>Sets the granted scopes and, when the API scope is among them, the API audience.</summary>
    public static void SetScopes(ClaimsIdentity identity, ImmutableArray<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(scopes.Contains(OpenIdConnectScopes.Api) ? [OpenIdConnectScopes.ApiAudience] : []);
    }

    /// <summary>
    /// Returns the tokens a claim goes into. <c>sub</c> goes into both. <c>name</c> and <c>role</c> go into the
    /// access token always, and into the identity token with the <c>profile</c> or <c>roles</c> scope. Other claims
    /// go nowhere.
    /// </summary>
    public static IEnumerable<string> DestinationsOf(Claim claim)
    {
        string[] both = [Destinations.AccessToken, Destinations.IdentityToken];
        var identity = claim.Subject;
        return claim.Type switch
        {
            Claims.Subject => both,
            Claims.Name when identity?.HasScope(Scopes.Profile) == true => both,
            Claims.Role when identity?.HasScope(Scopes.Roles) == true => both,
            Claims.Name or Claims.Role => [Destinations.AccessToken],
            _ => [],
        };
    }
}
