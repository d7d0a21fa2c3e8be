namespace BladderLnAi.Web.Identity;

/// <summary>Names of the authorisation policies.</summary>
public static class Policies
{
    /// <summary>Holders of the Admin role, who manage their sites, accounts and audit log.</summary>
    public const string Administrator = "Administrator";

    /// <summary>
    /// Service clients with the <see cref="AnalysisWorkerRole"/> role, signed in with an access token from the
    /// client credentials grant. Each worker route also checks the job ticket.
    /// </summary>
    public const string AnalysisWorker = "AnalysisWorker";

    /// <summary>Role of the analysis workers' OpenID Connect client, set in <c>OpenIdConnect:Clients:N:Roles</c>.</summary>
    public const string AnalysisWorkerRole = "AnalysisWorker";
    /// <summary>Pathologists and senior pathologists, who review cases and rule on findings.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>Senior pathologists, who confirm rulings, sign out and amend cases.</summary>
    public const string Senior = "Senior";

    /// <summary>Educators, who build case sets from signed-out cases and follow residents' scores.</summary>
    public const string Educator = "Educator";

    /// <summary>Residents, who practise on assigned case sets.</summary>
    public const string Resident = "Resident";
}
