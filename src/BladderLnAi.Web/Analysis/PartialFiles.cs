using BladderLnAi.Web.Configuration;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Finds and deletes files that a killed process left half-written. Runs at start, before the worker takes a job.
/// </summary>
/// <remarks>
/// Only the single-process host runs this. With analysis workers on shared storage a result folder may belong to a
/// job another node is running, so nothing is deleted there.
/// TODO: remove staging folders of killed workers in a scaled-out deployment, for example by age.
/// </remarks>
public static class PartialFiles
{
    /// <summary>Suffix of an upload staging file that is not complete yet.</summary>
    public const string UploadSuffix = ".partial";

    /// <summary>
    /// Prefix of a slide upload that a case is still receiving, written into a site's folder under the uploads folder.
    /// The leading dot keeps it out of the slide catalogue.
    /// </summary>
    public const string SlideUploadPrefix = ".upload-";

    /// <summary>
    /// Deletes result folders not in <paramref name="completedFolders"/> (those of failed, cancelled, interrupted or
    /// unknown jobs), temporary <c>*.tmp</c> files inside completed ones, <c>*.partial</c> uploads, and slide uploads
    /// to cases that never got their final name. Returns how many files and folders were deleted.
    /// </summary>
    public static int Delete(AppPaths paths, IReadOnlySet<string> completedFolders)
    {
        var deleted = 0;
        if (Directory.Exists(paths.AnalysesDirectory))
        {
            foreach (var folder in Directory.EnumerateDirectories(paths.AnalysesDirectory))
            {
                if (!completedFolders.Contains(Path.GetFileName(folder)))
                {
                    Directory.Delete(folder, recursive: true);
                    deleted++;
                    continue;
                }

                deleted += DeleteFiles(folder, "*.tmp", SearchOption.AllDirectories);
            }
        }

        if (Directory.Exists(paths.UploadsDirectory))
        {
            deleted += DeleteFiles(paths.UploadsDirectory, "*" + UploadSuffix, SearchOption.TopDirectoryOnly);
            deleted += DeleteFiles(paths.UploadsDirectory, SlideUploadPrefix + "*", SearchOption.AllDirectories);
        }

        return deleted;
    }

    private static int DeleteFiles(string folder, string pattern, SearchOption search)
    {
        var files = Directory.GetFiles(folder, pattern, search);
        foreach (var file in files)
        {
            File.Delete(file);
        }

        return files.Length;
    }
}
