namespace BladderLnAi.Slides;

/// <summary>
/// Lists the slide files at the top level of one folder.
/// </summary>
internal static class SlideFolderScanner
{
    private static readonly EnumerationOptions TopLevelOnly = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
    };

    /// <summary>A slide file found in a folder, with its resolved path.</summary>
    internal sealed record FoundSlide(string FileName, string FullPath, long SizeBytes, DateTime LastWriteUtc);

    /// <summary>
    /// Returns the slide files of <paramref name="folder"/>, or none when the folder is missing or unreadable.
    /// Files whose resolved path is outside the resolved folder (through a symbolic link) are skipped. With a
    /// <paramref name="validator"/>, every file it rejects is skipped too and added to <paramref name="rejected"/>.
    /// </summary>
    public static List<FoundSlide> FindSlides(
        string folder,
        SlideIngestValidator? validator = null,
        List<SlideIngestResult>? rejected = null)
    {
        var found = new List<FoundSlide>();
        var realFolder = RealPath.Resolve(folder);
        if (realFolder is null || !Directory.Exists(realFolder))
        {
            return found;
        }

        try
        {
            foreach (var path in Directory.EnumerateFiles(realFolder, "*", TopLevelOnly))
            {
                if (!SlideCatalog.SlideExtensions.Contains(Path.GetExtension(path)))
                {
                    continue;
                }

                var verdict = validator?.Validate(path, realFolder);
                if (verdict is { IsAccepted: false })
                {
                    rejected?.Add(verdict);
                }
                else if (TryDescribe(path, realFolder, out var slide))
                {
                    found.Add(slide);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The folder vanished or became unreadable during the scan, so keep the slides found before that.
        }

        return found;
    }

    private static bool TryDescribe(string path, string realFolder, out FoundSlide slide)
    {
        slide = null!;
        var fileName = Path.GetFileName(path);
        if (!SlideCatalog.SlideExtensions.Contains(Path.GetExtension(fileName)))
        {
            return false;
        }

        var realPath = RealPath.Resolve(path);
        if (realPath is null || !RealPath.IsInside(realPath, realFolder))
        {
            return false;
        }

        var info = new FileInfo(realPath);
        if (!info.Exists)
        {
            return false;
        }

        slide = new FoundSlide(fileName, realPath, info.Length, info.LastWriteTimeUtc);
        return true;
    }
}
