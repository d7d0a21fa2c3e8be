namespace BladderLnAi.Jobs.Running;

/// <summary>
/// Result folders of analysis jobs on storage that several hosts share. A job writes into a staging folder beside
/// its result folder and renames it when done; on one file system the rename is atomic.
/// </summary>
public static class ResultFolders
{
    /// <summary>Returns the name of the result folder of a job, relative to the analyses folder.</summary>
    public static string NameOf(Guid jobId) => jobId.ToString("N");

    /// <summary>Returns a fresh staging folder path beside <paramref name="resultDirectory"/>, unique per attempt.</summary>
    /// <remarks>NOTE: a process killed during an analysis leaves its staging folder behind, and nothing removes it.</remarks>
    public static string Staging(string resultDirectory) =>
        $"{resultDirectory}.partial-{Guid.NewGuid():N}";

    /// <summary>
    /// Moves the staging folder into place. A result folder left by an earlier attempt whose outcome was never
    /// recorded is replaced, because the job is not yet marked completed and so no reader uses it.
    /// </summary>
    public static void Publish(string staging, string resultDirectory)
    {
        if (Directory.Exists(resultDirectory))
        {
            Directory.Delete(resultDirectory, recursive: true);
        }

        Directory.Move(staging, resultDirectory);
    }

    /// <summary>Deletes a folder if it exists, ignoring a folder that another process removed first.</summary>
    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
