using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

/// <summary>The allowed changes of a case's status; every other change is rejected.</summary>
public static class CaseStatusMachine
{
    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        [CaseStatus.New] = [CaseStatus.Analysed, CaseStatus.UnderReview],
        [CaseStatus.Analysed] = [CaseStatus.UnderReview],
        [CaseStatus.UnderReview] = [CaseStatus.AwaitingSenior],
        [CaseStatus.AwaitingSenior] = [CaseStatus.UnderReview, CaseStatus.SignedOut],
        [CaseStatus.SignedOut] = [CaseStatus.Amended],
        [CaseStatus.Amended] = [CaseStatus.AwaitingSenior, CaseStatus.SignedOut],
    };

    public static IReadOnlyList<CaseStatus> AllowedFrom(CaseStatus from) => Allowed[from];

    public static bool CanMove(CaseStatus from, CaseStatus to) => Allowed[from].Contains(to);

    /// <exception cref="ReviewException">The change is not allowed.</exception>
    public static void EnsureCanMove(CaseStatus from, CaseStatus to)
    {
        if (CanMove(from, to))
        {
            return;
        }

        throw ReviewException.Conflict(
            $"A case that is {from} cannot become {to}; from {from} it can become {string.Join(" or ", Allowed[from])}.");
    }

    /// <summary>True while rulings, outlines, nodes and slides may change: before sign-out and during an amendment.</summary>
    public static bool IsEditable(CaseStatus status) => status != CaseStatus.SignedOut;
}
