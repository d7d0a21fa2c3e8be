using System.Security.Claims;

namespace BladderLnAi.Web.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>Returns the account id from the name-identifier claim (cookie) or the subject claim (token).</summary>
    public static string? UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
}
