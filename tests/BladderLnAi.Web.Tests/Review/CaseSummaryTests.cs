using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Review;

namespace BladderLnAi.Web.Tests.Review;

/// <summary>pN suggestions for cases worked out by hand from the AJCC 8th edition rules for bladder cancer.</summary>
[Trait("Category", "Review")]
public sealed class CaseSummaryTests
{
    [Fact]
    public void NoConfirmedDeposit_IsPn0()
    {
        var nodes = Nodes(NodeStation.LeftObturator, NodeStation.RightObturator);
        var findings = new[] { Deposit(1, "macro", 3000, FindingRuling.Reject) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN0", summary.SuggestedPnCategory);
        Assert.Equal(2, summary.NodesExamined);
        Assert.Equal(0, summary.NodesPositive);
    }

    [Fact]
    public void OneTruePelvisNode_IsPn1()
    {
        var nodes = Nodes(NodeStation.LeftObturator, NodeStation.RightExternalIliac, NodeStation.Presacral);
        var findings = new[] { Deposit(2, "micro", 800), Deposit(2, "micro", 1500) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN1", summary.SuggestedPnCategory);
        Assert.Equal(1, summary.NodesPositive);
        var node = summary.Nodes.Single(n => n.LymphNodeId == 2);
        Assert.Equal(1500, node.LargestDeposit!.GreatestDimensionMicrons);
        Assert.Equal("micro", node.LargestSizeClass);
        Assert.Equal(2, node.DepositCount);
    }

    [Fact]
    public void TwoTruePelvisNodes_IsPn2()
    {
        var nodes = Nodes(NodeStation.Perivesical, NodeStation.LeftInternalIliac, NodeStation.RightObturator);
        var findings = new[] { Deposit(1, "macro", 2500), Deposit(3, "micro", 400) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN2", summary.SuggestedPnCategory);
        Assert.Equal(2, summary.NodesPositive);
    }

    [Fact]
    public void CommonIliacNode_IsPn3EvenAlone()
    {
        var nodes = Nodes(NodeStation.LeftObturator, NodeStation.RightCommonIliac);
        var findings = new[] { Deposit(2, "micro", 600) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN3", summary.SuggestedPnCategory);
    }

    [Fact]
    public void IsolatedTumourCellsOnly_LeaveNodeNegative()
    {
        var nodes = Nodes(NodeStation.LeftObturator, NodeStation.LeftExternalIliac);
        var findings = new[] { Deposit(1, "itc", 150), Deposit(2, "itc", 90) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN0", summary.SuggestedPnCategory);
        Assert.Equal(0, summary.NodesPositive);
        Assert.True(summary.Nodes[0].HasIsolatedTumourCellsOnly, "a node with only isolated tumour cells should say so");
        Assert.Contains(summary.Notes, note => note.Contains("Isolated tumour cells alone", StringComparison.Ordinal));
    }

    [Fact]
    public void IsolatedTumourCellsBesideMetastasis_CountOnlyTheMetastasisNode()
    {
        var nodes = Nodes(NodeStation.LeftObturator, NodeStation.RightObturator);
        var findings = new[] { Deposit(1, "itc", 100), Deposit(2, "macro", 4000) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN1", summary.SuggestedPnCategory);
    }

    [Fact]
    public void UnreviewedAndProposedFindings_AreNotCounted()
    {
        var nodes = Nodes(NodeStation.LeftObturator, NodeStation.RightObturator);
        var proposed = Deposit(1, "macro", 3000);
        proposed.ReviewState = FindingReviewState.Proposed;
        var unreviewed = Deposit(2, "macro", 3000);
        unreviewed.ReviewState = FindingReviewState.Unreviewed;

        var summary = CaseSummary.Compute(nodes, [proposed, unreviewed]);

        Assert.Equal("pN0", summary.SuggestedPnCategory);
    }

    [Fact]
    public void OtherStation_IsListedButNotCounted()
    {
        var nodes = Nodes(NodeStation.Other, NodeStation.LeftObturator);
        var findings = new[] { Deposit(1, "macro", 5000) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN0", summary.SuggestedPnCategory);
        Assert.Equal(1, summary.NodesPositive);
        Assert.Contains(summary.Notes, note => note.Contains("M1a", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownSize_CountsAsPositive()
    {
        var nodes = Nodes(NodeStation.Presacral);
        var findings = new[] { Deposit(1, "unknown", null) };

        var summary = CaseSummary.Compute(nodes, findings);

        Assert.Equal("pN1", summary.SuggestedPnCategory);
        Assert.Contains(summary.Notes, note => note.Contains("unknown size", StringComparison.Ordinal));
    }

    private static List<LymphNode> Nodes(params NodeStation[] stations) =>
        stations.Select((station, index) => new LymphNode { Id = index + 1, Label = $"LN{index + 1}", Station = station }).ToList();

    private static int _nextId;

    private static CaseFinding Deposit(int nodeId, string sizeClass, double? greatestDimension, FindingRuling ruling = FindingRuling.Confirm) => new()
    {
        Id = Interlocked.Increment(ref _nextId),
        LymphNodeId = nodeId,
        SizeClass = sizeClass,
        GreatestDimensionMicrons = greatestDimension,
        Ruling = ruling,
        ReviewState = FindingReviewState.Final,
    };
}
