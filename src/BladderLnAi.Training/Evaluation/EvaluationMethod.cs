namespace BladderLnAi.Training.Evaluation;

/// <summary>The analysis methods that <c>bladderln evaluate</c> compares.</summary>
public enum EvaluationMethod
{
    /// <summary>The uniform pass alone, findings from its heatmap.</summary>
    Uniform,

    /// <summary>The full two-pass analysis of <c>SlideAnalyzer</c>.</summary>
    TwoPass,

    /// <summary>Every tissue field tiled at level 0 into network-input windows (<see cref="SlidingWindowAnalyzer"/>).</summary>
    SlidingWindow,
}

/// <summary>Names of the methods in reports and on the command line.</summary>
public static class EvaluationMethods
{
    public static readonly IReadOnlyList<EvaluationMethod> All =
        [EvaluationMethod.Uniform, EvaluationMethod.TwoPass, EvaluationMethod.SlidingWindow];

    /// <summary>Returns the report key: uniform, two_pass or sliding_window.</summary>
    public static string Code(this EvaluationMethod method) => method switch
    {
        EvaluationMethod.Uniform => "uniform",
        EvaluationMethod.TwoPass => "two_pass",
        EvaluationMethod.SlidingWindow => "sliding_window",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown evaluation method."),
    };

    /// <summary>Parses a report key, returning false for any other text.</summary>
    public static bool TryParse(string code, out EvaluationMethod method)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.OrdinalIgnoreCase))
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }
}
