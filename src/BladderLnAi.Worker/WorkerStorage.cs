using BladderLnAi.Jobs.Running;

namespace BladderLnAi.Worker;

/// <summary>
/// The analyses folder on the storage that workers and web hosts share: <c>Storage:DataDirectory</c>/analyses,
/// the same setting and folder as the web host's.
/// </summary>
public sealed class WorkerStorage(string analysesDirectory)
{
    public string AnalysesDirectory { get; } = analysesDirectory;

    public string ResultDirectory(Guid jobId) => Path.Combine(AnalysesDirectory, ResultFolders.NameOf(jobId));
}
