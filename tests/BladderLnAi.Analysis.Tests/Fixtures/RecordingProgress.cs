using BladderLnAi.Analysis.Pipeline;

namespace BladderLnAi.Analysis.Tests.Fixtures;

/// <summary>
/// Records progress reports on the analysing thread, in order, and runs an optional callback on each one.
/// </summary>
public sealed class RecordingProgress(Action<AnalysisProgress>? onReport = null) : IProgress<AnalysisProgress>
{
    private readonly List<AnalysisProgress> _reports = [];

    public IReadOnlyList<AnalysisProgress> Reports => _reports;

    public void Report(AnalysisProgress value)
    {
        _reports.Add(value);
        onReport?.Invoke(value);
    }
}
