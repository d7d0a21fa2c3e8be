namespace BladderLnAi.Web.Review;

/// <summary>Rules of case review and slide upload (configuration section <c>Review</c>).</summary>
public sealed record ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>
    /// Whether a senior pathologist may confirm a ruling they proposed themselves, for sites with one senior.
    /// Defaults to false, so every final ruling carries two names.
    /// </summary>
    public bool AllowSelfConfirmation { get; init; }

    /// <summary>Largest slide file accepted by upload, in megabytes. Defaults to 4096 (4 GiB).</summary>
    public long MaxUploadMegabytes { get; init; } = 4096;

    /// <summary>
    /// Folder for uploaded slides, relative to the data folder; each site gets a subfolder named after its code,
    /// which becomes one of the site's slide folders. Defaults to <c>uploads</c>.
    /// </summary>
    public string UploadDirectory { get; init; } = "uploads";
}
