using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace BladderLnAi.Web.Identity;

/// <summary>Sign-out, which must be a form post with an antiforgery token so that no link can sign a user out.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        SignInManager<ApplicationUser> signIn,
        AuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest(new { message = "The sign-out form is missing its antiforgery token; reload the page and try again." });
        }

        await audit.WriteAsync(context, "sign-out", "account", context.User.Identity?.Name);
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }
}
