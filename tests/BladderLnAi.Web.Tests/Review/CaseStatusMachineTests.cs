using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Review;

namespace BladderLnAi.Web.Tests.Review;

[Trait("Category", "Review")]
public sealed class CaseStatusMachineTests
{
    /// <summary>The only allowed changes, written out by hand from the review workflow.</summary>
    private static readonly HashSet<(CaseStatus From, CaseStatus To)> Legal =
    [
        (CaseStatus.New, CaseStatus.Analysed),
        (CaseStatus.New, CaseStatus.UnderReview),
        (CaseStatus.Analysed, CaseStatus.UnderReview),
        (CaseStatus.UnderReview, CaseStatus.AwaitingSenior),
        (CaseStatus.AwaitingSenior, CaseStatus.UnderReview),
        (CaseStatus.AwaitingSenior, CaseStatus.SignedOut),
        (CaseStatus.SignedOut, CaseStatus.Amended),
        (CaseStatus.Amended, CaseStatus.AwaitingSenior),
        (CaseStatus.Amended, CaseStatus.SignedOut),
    ];

    public static TheoryData<CaseStatus, CaseStatus> AllPairs
    {
        get
        {
            var data = new TheoryData<CaseStatus, CaseStatus>();
            foreach (var from in Enum.GetValues<CaseStatus>())
            {
                foreach (var to in Enum.GetValues<CaseStatus>())
                {
                    data.Add(from, to);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void EnsureCanMove_EveryPair_MatchesWorkflow(CaseStatus from, CaseStatus to)
    {
        if (Legal.Contains((from, to)))
        {
            CaseStatusMachine.EnsureCanMove(from, to);
            Assert.True(CaseStatusMachine.CanMove(from, to), $"{from} -> {to} should be allowed");
            return;
        }

        var error = Assert.Throws<ReviewException>(() => CaseStatusMachine.EnsureCanMove(from, to));
        Assert.Equal(ReviewError.Conflict, error.Error);
        Assert.Contains($"{from} cannot become {to}", error.Message);
        Assert.False(CaseStatusMachine.CanMove(from, to), $"{from} -> {to} should be rejected");
    }

    [Fact]
    public void AllPairs_CoverEveryStatus()
    {
        var statuses = Enum.GetValues<CaseStatus>().Length;

        Assert.Equal(statuses * statuses, AllPairs.Count);
        Assert.Equal(6, statuses);
    }

    [Fact]
    public void IsEditable_OnlySignedOutIsReadOnly()
    {
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            Assert.Equal(status != CaseStatus.SignedOut, CaseStatusMachine.IsEditable(status));
        }
    }
}
