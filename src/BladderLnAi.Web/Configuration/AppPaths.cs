namespace BladderLnAi.Web.Configuration;

/// <summary>Resolves the configured relative paths against the content root once at start-up.</summary>
public sealed class AppPaths
{
    public AppPaths(string contentRoot, StorageOptions storage, AnalysisHostOptions analysis)
    {
        ContentRoot = contentRoot;
        DataDirectory = Resolve(storage.DataDirectory);
        AnalysesDirectory = Path.Combine(DataDirectory, "analyses");
        DefaultSlideDirectory = Path.Combine(DataDirectory, "slides");
        UploadsDirectory = Path.Combine(DataDirectory, "uploads");
        DatabasePath = Path.Combine(DataDirectory, "bladderln.db");
        ModelDirectory = Resolve(analysis.ModelDirectory);
    }

    public string ContentRoot { get; }

    public string DataDirectory { get; }

    /// <summary>One sub-folder per analysis job, named by the job id.</summary>
    public string AnalysesDirectory { get; }

    public string DefaultSlideDirectory { get; }

    /// <summary>
    /// Staging folder for slide uploads. A file is written here under a name ending in <c>.partial</c> until it is
    /// complete, so that <see cref="Analysis.PartialFiles"/> can delete what an interrupted upload left.
    /// </summary>
    public string UploadsDirectory { get; }

    public string DatabasePath { get; }

    public string ModelDirectory { get; }

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(ContentRoot, path));
}
