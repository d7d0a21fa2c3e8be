namespace BladderLnAi.Web.Overlays;

/// <summary>What the slide viewer shows beside the slide (configuration section <c>Viewer</c>).</summary>
public sealed record ViewerOptions
{
    public const string SectionName = "Viewer";

    /// <summary>Number of highest-probability findings in the top regions gallery. Defaults to 10.</summary>
    public int TopRegionCount { get; init; } = 10;

    /// <summary>
    /// Lower end of the uncertain band: a finding whose maximum probability is at least this and below
    /// <see cref="ReviewBandUpper"/> needs a senior pathologist's review. Defaults to 0.5.
    /// </summary>
    public double ReviewBandLower { get; init; } = 0.5;

    /// <summary>Upper end (exclusive) of the uncertain band. Defaults to 0.7.</summary>
    public double ReviewBandUpper { get; init; } = 0.7;

    /// <summary>
    /// Most findings one viewport request returns; when more lie in the view, the viewer shows counts per area.
    /// Defaults to 500.
    /// </summary>
    public int MaxFindingsPerRequest { get; init; } = 500;

    /// <summary>Returns true when a finding's maximum probability lies in the uncertain band.</summary>
    public bool NeedsSeniorReview(double maximumProbability) =>
        maximumProbability >= ReviewBandLower && maximumProbability < ReviewBandUpper;

    /// <summary>Checks the settings at start-up, so that a wrong value stops the host with its name.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range.</exception>
    public void Validate()
    {
        if (TopRegionCount is < 0 or > 100)
        {
            throw new InvalidOperationException($"Viewer:TopRegionCount is {TopRegionCount}; use 0 to 100.");
        }

        if (ReviewBandLower is < 0 or > 1 || ReviewBandUpper is < 0 or > 1 || ReviewBandLower > ReviewBandUpper)
        {
            throw new InvalidOperationException(
                $"Viewer:ReviewBandLower {ReviewBandLower} and Viewer:ReviewBandUpper {ReviewBandUpper} must lie "
                + "between 0 and 1 with the lower end not above the upper end.");
        }

        if (MaxFindingsPerRequest is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"Viewer:MaxFindingsPerRequest is {MaxFindingsPerRequest}; use 1 to 10000.");
        }
    }
}
