namespace BladderLnAi.Web.Configuration;

/// <summary>
/// Finds the folder that contains <c>appsettings.json</c> and <c>wwwroot</c>: the repository root when run from source,
/// the application folder when published.
/// </summary>
public static class ContentRootLocator
{
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (IsContentRoot(directory.FullName))
                {
                    return directory.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }

    private static bool IsContentRoot(string path) =>
        File.Exists(Path.Combine(path, "appsettings.json")) && Directory.Exists(Path.Combine(path, "wwwroot"));
}
