using BladderLnAi.Web.Configuration;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Finds and deletes files that a killed process left half-written. Runs at start, before the worker takes a job.
/// </summary>
/// <remarks>
/// NOTE: this assumes that one process writes to the data folder. A second analysis worker that shares the folder
/// could be writing a result folder that this deletes, so such a deployment must run the cleanup on one node only.
/// </remarks>
public static class PartialFiles
{
    /// <summary>Suffix of an upload staging file that is not complete yet.</summary>
    public const string UploadSuffix = ".partial";

    /// <summary>
    /// Deletes result folders not in <paramref name="completedFolders"/> (those of failed, cancelled, interrupted or
    /// unknown jobs), temporary <c>*.tmp</c> files inside completed ones, and <c>*.partial</c> uploads. Returns how many
    /// files and folders were deleted.
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
