namespace BladderLnAi.Tests;

/// <summary>
/// Locates the repository, the bundled model and the real sample slides for tests.
/// </summary>
public static class TestPaths
{
    private static readonly Lazy<string> RepositoryRootValue = new(FindRepositoryRoot);

    /// <summary>The folder that contains <c>BladderLnAi.sln</c>.</summary>
    public static string RepositoryRoot => RepositoryRootValue.Value;

    /// <summary>
    /// The sample slide folder: <c>BLADDERLN_SAMPLE_SLIDES</c> when set, else <c>../shared/data/slides</c>
    /// beside the repository.
    /// </summary>
    public static string SampleSlides =>
        Environment.GetEnvironmentVariable("BLADDERLN_SAMPLE_SLIDES")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "slides"));

    public static string ModelDirectory => Path.Combine(RepositoryRoot, "models", "hrnet_w18");

    /// <summary>Returns the path of a sample slide and fails the test when the file is missing.</summary>
    public static string SampleSlide(string fileName)
    {
        var path = Path.Combine(SampleSlides, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Sample slide '{fileName}' was not found in '{SampleSlides}'. "
                + "Set BLADDERLN_SAMPLE_SLIDES to the folder that holds the sample slides.",
                path);
        }

        return path;
    }

    /// <summary>Creates an empty folder under the system temp folder for one test.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bladderln-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BladderLnAi.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new DirectoryNotFoundException(
                $"No BladderLnAi.sln above '{AppContext.BaseDirectory}'; run the tests from inside the repository.");
    }
}
