namespace BladderLnAi.Web.Identity;

/// <summary>Accounts and sign-in settings (configuration section <c>Identity</c>).</summary>
public sealed record AccountOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// Creates a demo site and one account per role on first start with an empty database, and logs their
    /// passwords once. Defaults to false; the start script turns it on for a local trial.
    /// </summary>
    public bool SeedDemoAccounts { get; init; }

    /// <summary>Failed sign-ins before an account is locked. Defaults to 5.</summary>
    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>How long a locked account stays locked, in minutes. Defaults to 15.</summary>
    public int LockoutMinutes { get; init; } = 15;

    /// <summary>Sign-in attempts allowed per account and per client address in one window. Defaults to 10.</summary>
    public int SignInAttemptsPerWindow { get; init; } = 10;

    /// <summary>Length of the sign-in rate-limit window in seconds. Defaults to 300.</summary>
    public int SignInWindowSeconds { get; init; } = 300;
}
