using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// <c>/connect/logout</c>: ends the sign-in cookie's session and returns the browser to the client's registered
/// <c>post_logout_redirect_uri</c> (validated by OpenIddict) or to the sign-in page.
/// </summary>
/// <remarks>
/// The product's own Sign out button is a form post with an antiforgery token, so that no link can sign a user out.
/// This route takes a GET from any site, so it ends the session only when the request carries an
/// <c>id_token_hint</c> issued to the signed-in user, which only a client of that user holds.
/// </remarks>
public static class EndSessionEndpoint
{
    public static async Task<IResult> EndAsync(
        HttpContext context,
        SignInManager<ApplicationUser> signIn,
        AuditLog audit)
    {
        // On this route OpenIddict authenticates the id_token_hint; without one the principal has no claims.
        var hint = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (cookie.Succeeded)
        {
            var hintedSubject = hint.Principal?.GetClaim(Claims.Subject);
            var signedInSubject = cookie.Principal.UserId();
            if (hintedSubject is null || !string.Equals(hintedSubject, signedInSubject, StringComparison.Ordinal))
            {
                return Results.BadRequest(new
                {
                    error = Errors.InvalidRequest,
                    error_description = "Signing out here needs an id_token_hint issued to the signed-in user. "
                        + "Send the ID token from sign-in, or use the Sign out button in BladderLnAi.",
                });
            }

            var userName = cookie.Principal.Identity?.Name;
            await audit.WriteAsync(context, "sign-out", "account", userName, details: "OpenID Connect end session");
            await signIn.SignOutAsync();
        }

        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/account/login" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
