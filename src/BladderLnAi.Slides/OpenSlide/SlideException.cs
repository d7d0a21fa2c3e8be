namespace BladderLnAi.Slides;

/// <summary>
/// A whole-slide image that could not be opened or read. The message names the file, the reason and the next step.
/// </summary>
public class SlideException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/> with a complete, user-facing message.</summary>
    public SlideException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Full path of the slide file the error is about.</summary>
    public string FilePath { get; }

    internal static SlideException NotFound(string filePath) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}' could not be opened: the file '{filePath}' was not found. "
            + "Check the path and that the slide folder is mounted.");

    internal static SlideException IsDirectory(string filePath) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}' could not be opened: '{filePath}' is a folder, not a file. "
            + "Pass the path of the slide file itself (for MRXS, the .mrxs file beside its data folder).");

    internal static SlideException NotReadable(string filePath, Exception innerException) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}' could not be opened: the file '{filePath}' is not readable "
            + $"({innerException.Message}). Check the file permissions.",
            innerException);

    internal static SlideException Empty(string filePath) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}' could not be opened: the file is empty (0 bytes), usually because a "
            + "copy or upload was interrupted. Copy it again from the scanner or the archive.");

    internal static SlideException UnsupportedFormat(string filePath) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}' could not be opened: not a format OpenSlide reads "
            + "(supported: SVS, NDPI, MRXS, SCN, BIF, VMS, generic tiled TIFF). Check the file or convert it.");

    internal static SlideException UnrecognizedTiff(string filePath) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}' could not be opened: it is a TIFF file that OpenSlide does not "
            + "recognise as a slide. It is damaged or incomplete (for example an interrupted copy) or a TIFF without "
            + "tiles. Copy it again from the scanner or the archive, or convert it to a tiled pyramidal TIFF.");

    /// <summary>Creates the error for a damaged file. <paramref name="reason"/> follows "could not be opened: ".</summary>
    internal static SlideException Corrupt(string filePath, string reason) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}' could not be opened: {reason}. "
            + "The file is damaged or incomplete. Copy it again from the scanner or the archive.");

    internal static SlideException ReadFailed(string filePath, string subject, string openSlideError) =>
        new(
            filePath,
            $"Slide '{Path.GetFileName(filePath)}': reading {subject} failed because OpenSlide reported "
            + $"\"{openSlideError}\". The file is damaged or was changed while open. Reopen it or copy it again.");
}
