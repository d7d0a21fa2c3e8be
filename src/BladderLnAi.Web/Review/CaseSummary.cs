using BladderLnAi.Analysis.Findings;
using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

/// <summary>The sign-out summary of a case: nodes examined and positive, the largest deposit per node, and the pN suggestion.</summary>
public sealed record CaseSummary(
    int NodesExamined,
    int NodesPositive,
    IReadOnlyList<NodeSummary> Nodes,
    string SuggestedPnCategory,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Summarises the confirmed findings of a case by lymph node and suggests a pN category for bladder cancer
    /// (AJCC 8th edition): pN0 no positive node; pN1 one positive node in the true pelvis; pN2 more than one positive
    /// node in the true pelvis; pN3 any positive common iliac node.
    /// </summary>
    public static CaseSummary Compute(IReadOnlyList<LymphNode> nodes, IReadOnlyList<CaseFinding> findings)
    {
        var confirmed = findings.Where(f => f.IsConfirmedTumour).ToList();
        var nodeSummaries = nodes
            .OrderBy(node => node.Label, StringComparer.OrdinalIgnoreCase)
            .Select(node => NodeSummary.Compute(node, confirmed.Where(f => f.LymphNodeId == node.Id).ToList()))
            .ToList();
        var notes = new List<string>();
        var counted = nodeSummaries.Where(node => node.Station != NodeStation.Other).ToList();
        var commonIliacPositive = counted.Count(node => node.IsPositive && node.Station.IsCommonIliac());
        var truePelvisPositive = counted.Count(node => node.IsPositive && node.Station.IsTruePelvis());
        var category = commonIliacPositive > 0 ? "pN3"
            : truePelvisPositive switch { 0 => "pN0", 1 => "pN1", _ => "pN2" };

        AddNotes(notes, nodeSummaries, confirmed);
        return new CaseSummary(nodes.Count, nodeSummaries.Count(node => node.IsPositive), nodeSummaries, category, notes);
    }

    private static void AddNotes(List<string> notes, List<NodeSummary> nodes, List<CaseFinding> confirmed)
    {
        // NOTE: isolated tumour cells alone (greatest dimension at most 0.2 mm) leave a node negative, as the
        // AJCC 8th edition stages pN0(i+) as pN0. A deposit of unknown size (a slide without microns per pixel)
        // counts as positive, so that a missing calibration never hides a metastasis.
        if (nodes.Any(node => node.HasIsolatedTumourCellsOnly))
        {
            notes.Add("Isolated tumour cells alone do not make a node positive; such nodes count as negative.");
        }

        if (confirmed.Any(f => f.SizeClass == SizeClass.Unknown.Code()))
        {
            notes.Add("A deposit of unknown size (slide without microns per pixel) counts as positive; measure it before sign-out.");
        }

        if (nodes.Any(node => node.IsPositive && node.Station == NodeStation.Other))
        {
            notes.Add("Positive nodes at station Other are not counted towards pN; nodes beyond the common iliac are distant metastases (M1a).");
        }

        var unassigned = confirmed.Count(f => f.LymphNodeId is null);
        if (unassigned > 0)
        {
            notes.Add($"{unassigned} confirmed finding(s) are in no lymph node and are not counted; assign them to a node.");
        }
    }
}

/// <summary>One lymph node in the sign-out summary.</summary>
/// <param name="LargestDeposit">The confirmed deposit with the greatest dimension, or null when there is none.</param>
public sealed record NodeSummary(
    int LymphNodeId,
    string Label,
    NodeStation Station,
    bool IsPositive,
    bool HasIsolatedTumourCellsOnly,
    int DepositCount,
    CaseFinding? LargestDeposit)
{
    public string? LargestSizeClass => LargestDeposit?.SizeClass;

    public static NodeSummary Compute(LymphNode node, IReadOnlyList<CaseFinding> confirmed)
    {
        var positive = confirmed.Any(f => f.SizeClass != SizeClass.IsolatedTumourCells.Code());
        var largest = confirmed
            .OrderByDescending(f => f.GreatestDimensionMicrons ?? -1)
            .ThenByDescending(f => f.AreaSquareMillimetres ?? -1)
            .FirstOrDefault();
        return new NodeSummary(
            node.Id,
            node.Label,
            node.Station,
            positive,
            !positive && confirmed.Count > 0,
            confirmed.Count,
            largest);
    }
}
