namespace BladderLnAi.Slides;

/// <summary>
/// The verdict on one slide file: accepted, or rejected with the problem and a message that names the file and says
/// what to do.
/// </summary>
/// <param name="FileName">File name as listed in the folder or as uploaded.</param>
/// <param name="FullPath">Path of the file checked.</param>
/// <param name="Problem">The reason for a rejection, or null when the file was accepted.</param>
/// <param name="Message">User-facing message for a rejection, or null when the file was accepted.</param>
public sealed record SlideIngestResult(string FileName, string FullPath, SlideProblem? Problem, string? Message)
{
    public bool IsAccepted => Problem is null;

    public static SlideIngestResult Accepted(string fileName, string fullPath) => new(fileName, fullPath, null, null);

    public static SlideIngestResult Rejected(string fileName, string fullPath, SlideProblem problem, string message) =>
        new(fileName, fullPath, problem, message);
}

/// <summary>Limits applied at ingest.</summary>
public sealed record SlideIngestLimits
{
    /// <summary>Largest level-0 width or height accepted, in pixels. Defaults to 1,000,000 (25 cm at 0.25 um/px).</summary>
    public long MaxSideLength { get; init; } = 1_000_000;

    /// <summary>Longest file name accepted, in UTF-8 bytes. Defaults to 255, the limit of Linux file systems.</summary>
    public int MaxFileNameBytes { get; init; } = 255;
}
