using BladderLnAi.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// <c>/connect/userinfo</c>: returns the <c>sub</c> of the access token's account, with <c>name</c> for the
/// <c>profile</c> scope and <c>role</c> for the <c>roles</c> scope. OpenIddict has already validated the token.
/// </summary>
public static class UserInfoEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext context, UserManager<ApplicationUser> users)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = token.Principal?.GetClaim(Claims.Subject);

        // A client-credentials token has the client id as its subject, so it finds no account here either.
        var user = subject is null ? null : await users.FindByIdAsync(subject);
        if (token.Principal is null || user is null)
        {
            return OpenIdConnectEndpoints.Challenge(Errors.InvalidToken, "The access token belongs to no account.");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = await users.GetUserIdAsync(user),
        };
        if (token.Principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = await users.GetUserNameAsync(user) ?? "";
        }

        if (token.Principal.HasScope(Scopes.Roles))
        {
            claims[Claims.Role] = await users.GetRolesAsync(user);
        }

        return Results.Ok(claims);
    }
}
