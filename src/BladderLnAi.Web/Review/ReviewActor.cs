using System.Security.Claims;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Identity;

namespace BladderLnAi.Web.Review;

/// <summary>The person making a review change: account, roles and the client address recorded in the audit log.</summary>
public sealed record ReviewActor(ClaimsPrincipal User, string? RemoteAddress)
{
    public string UserId => User.UserId() ?? throw ReviewException.Forbidden("Sign in to review cases.");

    public string UserName => User.Identity?.Name ?? UserId;

    public bool IsSenior => User.IsInRole(Roles.SeniorPathologist);

    /// <summary>Pathologists and senior pathologists rule on findings; other roles only read.</summary>
    public bool IsReviewer => IsSenior || User.IsInRole(Roles.Pathologist);

    /// <exception cref="ReviewException">The user is neither a pathologist nor a senior pathologist.</exception>
    public void RequireReviewer()
    {
        if (!IsReviewer)
        {
            throw ReviewException.Forbidden("Only pathologists and senior pathologists can change a case.");
        }
    }

    /// <exception cref="ReviewException">The user is not a senior pathologist.</exception>
    public void RequireSenior(string action)
    {
        if (!IsSenior)
        {
            throw ReviewException.Forbidden($"Only a senior pathologist can {action}.");
        }
    }

    public static ReviewActor From(HttpContext context) =>
        new(context.User, context.Connection.RemoteIpAddress?.ToString());
}
