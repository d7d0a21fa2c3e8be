using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Challenges or forbids through one scheme when a policy that accepts both the sign-in cookie and bearer tokens
/// fails. ASP.NET Core would challenge every scheme of the policy, and the bearer challenge would turn the cookie's
/// redirect to the sign-in page into a bare 401.
/// </summary>
/// <remarks>
/// A request that sent an access token gets the bearer scheme's response: 401 or 403 with <c>WWW-Authenticate</c>.
/// Any other request gets the cookie scheme's response, a redirect to the sign-in page for pages and 401 for
/// <c>/api</c>, <c>/dzi</c> and <c>/hubs</c>, to which the bearer scheme then adds <c>WWW-Authenticate: Bearer</c>.
/// </remarks>
public sealed class CookieOrBearerResultHandler : IAuthorizationMiddlewareResultHandler
{
    private const string BearerScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    private static readonly string CookieScheme = IdentityConstants.ApplicationScheme;

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (!(authorizeResult.Challenged || authorizeResult.Forbidden) || !AcceptsCookieAndBearer(policy))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        // The authentication handlers cache their result, so this repeats no token validation.
        var bearer = await context.AuthenticateAsync(BearerScheme);
        if (!bearer.None && authorizeResult.Challenged)
        {
            await context.ChallengeAsync(BearerScheme);
            return;
        }

        if (!bearer.None)
        {
            await context.ForbidAsync(BearerScheme);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            await context.ForbidAsync(CookieScheme);
            return;
        }

        await context.ChallengeAsync(CookieScheme);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && !context.Response.HasStarted)
        {
            await context.ChallengeAsync(BearerScheme);
        }
    }

    private static bool AcceptsCookieAndBearer(AuthorizationPolicy policy) =>
        policy.AuthenticationSchemes.Contains(CookieScheme) && policy.AuthenticationSchemes.Contains(BearerScheme);
}
