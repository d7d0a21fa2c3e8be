using System.Diagnostics;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>Sums the wall-clock time spent in each analysis stage over all fields.</summary>
public sealed class StageClock
{
    private readonly Dictionary<AnalysisStage, TimeSpan> _totals = [];
    private readonly object _gate = new();

    public IReadOnlyDictionary<AnalysisStage, TimeSpan> Totals
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<AnalysisStage, TimeSpan>(_totals);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> and adds its duration to <paramref name="stage"/>.</summary>
    public T Measure<T>(AnalysisStage stage, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            lock (_gate)
            {
                _totals[stage] = _totals.GetValueOrDefault(stage) + elapsed;
            }
        }
    }
}
