namespace BladderLnAi.Web.Identity;

public static class LocalUrl
{
    /// <summary>Returns the URL when it is a local path, else "/", so that sign-in never redirects to another site.</summary>
    public static string OrRoot(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
