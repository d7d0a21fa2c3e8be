namespace BladderLnAi.Web.Identity;

/// <summary>Names of the authorisation policies.</summary>
public static class Policies
{
    /// <summary>Holders of the Admin role, who manage their sites, accounts and audit log.</summary>
    public const string Administrator = "Administrator";
}
