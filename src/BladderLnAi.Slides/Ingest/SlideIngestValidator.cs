using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace BladderLnAi.Slides;

/// <summary>
/// Decides whether a file may be served as a slide: its name, where it really lives, its TIFF structure, whether
/// OpenSlide opens it, its size, and whether its pixels decode and are not blank. Safe to use from several threads.
/// </summary>
/// <remarks>
/// <para>
/// The slide catalogue runs every file of the slide folders through <see cref="Validate"/> when it scans, so a broken
/// file is listed in <see cref="SlideCatalog.Rejected"/> instead of being served, and every other slide stays
/// available.
/// </para>
/// <para>
/// An upload endpoint calls it the same way: check the declared name with <see cref="CheckFileName"/> before writing
/// anything, write the bytes to a staging file whose name ends in <c>.partial</c> (the server deletes those at start),
/// rename it to the declared name inside a staging folder, call <see cref="Validate"/> with that folder, and move the
/// file into a slide folder only when <see cref="SlideIngestResult.IsAccepted"/>. On a rejection, delete the staged
/// file and return <see cref="SlideIngestResult.Message"/> with status 422.
/// </para>
/// Verdicts are cached by path, size and last-write time, so an unchanged file is opened once.
/// </remarks>
public sealed class SlideIngestValidator(SlideIngestLimits? limits = null)
{
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime LastWriteUtc), SlideIngestResult> _verdicts = new();

    public SlideIngestLimits Limits { get; } = limits ?? new SlideIngestLimits();

    /// <summary>
    /// Returns the rejection of a file name from a folder listing or an upload, or null when the name is acceptable.
    /// Letters of any script are accepted, so a name like <c>淋巴结-3.svs</c> is fine.
    /// </summary>
    public SlideIngestResult? CheckFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var reason = FindNameProblem(fileName);
        return reason is null
            ? null
            : SlideIngestResult.Rejected(
                fileName,
                fileName,
                SlideProblem.InvalidFileName,
                $"Slide file name '{Printable(fileName)}' was rejected: {reason}. Rename the file to a plain name with a "
                + $"slide extension ({string.Join(", ", SlideCatalog.SlideExtensions.Order())}) and add it again.");
    }

    /// <summary>
    /// Checks the file at <paramref name="path"/>, which must resolve to a file inside <paramref name="slideFolder"/>.
    /// Never throws for a bad file; the result carries the reason.
    /// </summary>
    public SlideIngestResult Validate(string path, string slideFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(slideFolder);
        var fileName = Path.GetFileName(path);
        if (CheckFileName(fileName) is { } badName)
        {
            return badName with { FullPath = path };
        }

        var realFolder = RealPath.Resolve(slideFolder);
        var realPath = RealPath.Resolve(path);
        if (realFolder is null || realPath is null || !RealPath.IsInside(realPath, realFolder))
        {
            return Reject(
                path,
                SlideProblem.OutsideSlideFolder,
                realPath is null
                    ? "it is a broken symbolic link or was removed. Restore the file or remove the link"
                    : $"it is a symbolic link to '{realPath}', outside the slide folder '{slideFolder}'. "
                        + "Copy the slide into the folder instead of linking to it");
        }

        var info = new FileInfo(realPath);
        if (!info.Exists)
        {
            return Reject(path, SlideProblem.Unreadable, "it is not a regular file. Add the slide file itself");
        }

        var key = (realPath, info.Length, info.LastWriteTimeUtc);
        return _verdicts.GetOrAdd(key, _ => Inspect(path, realPath, info.Length));
    }

    private SlideIngestResult Inspect(string path, string realPath, long sizeBytes)
    {
        if (sizeBytes == 0)
        {
            return Reject(path, SlideProblem.Empty, "the file is empty (0 bytes). Copy it again from the scanner or the archive");
        }

        WholeSlideImage slide;
        try
        {
            slide = WholeSlideImage.Open(realPath);
        }
        catch (SlideException exception)
        {
            return SlideIngestResult.Rejected(Path.GetFileName(path), path, SlideProblem.NotASlide, exception.Message);
        }

        using (slide)
        {
            return CheckContent(path, slide);
        }
    }

    private SlideIngestResult CheckContent(string path, WholeSlideImage slide)
    {
        if (slide.Width > Limits.MaxSideLength || slide.Height > Limits.MaxSideLength)
        {
            return Reject(
                path,
                SlideProblem.TooLarge,
                $"it declares {slide.Width} x {slide.Height} pixels, over the limit of {Limits.MaxSideLength} pixels a "
                + "side, so the file is damaged. Copy it again from the scanner or the archive");
        }

        try
        {
            if (SlideContentProbe.IsBlank(slide))
            {
                return Reject(
                    path,
                    SlideProblem.Blank,
                    "every pixel read back the same colour (a blank, all-white or fully transparent image), so there "
                    + "is nothing to review or analyse. Check the scan and export it again");
            }
        }
        catch (SlideException exception)
        {
            return SlideIngestResult.Rejected(Path.GetFileName(path), path, SlideProblem.UnreadablePixels, exception.Message);
        }

        return SlideIngestResult.Accepted(Path.GetFileName(path), path);
    }

    private static SlideIngestResult Reject(string path, SlideProblem problem, string reason)
    {
        var fileName = Path.GetFileName(path);
        return SlideIngestResult.Rejected(fileName, path, problem, $"Slide '{Printable(fileName)}' was rejected: {reason}.");
    }

    private string? FindNameProblem(string fileName)
    {
        if (fileName.Length == 0)
        {
            return "the name is empty";
        }

        if (fileName.IndexOfAny(['/', '\\']) >= 0 || fileName is "." or "..")
        {
            return "it contains a path separator or is a folder reference";
        }

        if (HasHiddenCharacters(fileName))
        {
            return "it contains control or text-direction characters";
        }

        if (fileName.StartsWith('.'))
        {
            return "names starting with '.' are hidden files";
        }

        if (Encoding.UTF8.GetByteCount(fileName) > Limits.MaxFileNameBytes)
        {
            return $"it is longer than {Limits.MaxFileNameBytes} bytes";
        }

        return SlideCatalog.SlideExtensions.Contains(Path.GetExtension(fileName)) ? null : "it has no slide extension";
    }

    /// <summary>Returns whether the name contains control or format characters (such as right-to-left overrides) or a lone surrogate.</summary>
    private static bool HasHiddenCharacters(string fileName)
    {
        for (var i = 0; i < fileName.Length; i++)
        {
            var character = fileName[i];
            if (char.IsHighSurrogate(character) && i + 1 < fileName.Length && char.IsLowSurrogate(fileName[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(character)
                || char.GetUnicodeCategory(character) is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the name with control and format characters shown as <c>\uXXXX</c>, safe for logs and pages.</summary>
    private static string Printable(string fileName)
    {
        var printable = new StringBuilder(fileName.Length);
        foreach (var character in fileName)
        {
            var category = char.GetUnicodeCategory(character);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:X4}");
            }
            else
            {
                printable.Append(character);
            }
        }

        return printable.ToString();
    }
}
