namespace BladderLnAi.Cli;

/// <summary>Finds the bundled model folder <c>models/hrnet_w18</c>.</summary>
public static class ModelLocator
{
    public const string RelativePath = "models/hrnet_w18";

    /// <summary>
    /// Returns <c>models/hrnet_w18</c> under the current folder, else under the nearest folder above the program
    /// that has one.
    /// </summary>
    public static string FindDefault()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(Path.Combine(candidate, "manifest.json")))
                {
                    return candidate;
                }
            }
        }

        throw new UsageException(
            $"No {RelativePath}/manifest.json under the current folder or above the program; pass --model DIR.");
    }
}
