using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Review;
using BladderLnAi.Web.Tests.Integration;
using static BladderLnAi.Web.Tests.Review.ReviewApi;

namespace BladderLnAi.Web.Tests.Review;

/// <summary>The two-person rule with <c>Review:AllowSelfConfirmation</c> on, for a site with one senior pathologist.</summary>
[Trait("Category", "Review")]
public sealed class SelfConfirmationTests(SelfConfirmationFactory factory) : IClassFixture<SelfConfirmationFactory>
{
    [Fact]
    public async Task Confirm_OwnProposal_AllowedBySwitch()
    {
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var created = await CreateCaseAsync(senior.Client);
        var slide = await AddSlideAsync(senior.Client, created.Id, "cmu-1-small-region");
        var proposed = await DrawAsync(senior.Client, created.Id, slide.Id, Triangle(300, 300, 200));

        var confirmed = await ReadAsync<FindingView>(await ConfirmAsync(senior.Client, created.Id, proposed));

        Assert.Equal(FindingReviewState.Final, confirmed.ReviewState);
        Assert.Equal(senior.UserName, confirmed.ProposedByName);
        Assert.Equal(senior.UserName, confirmed.ConfirmedByName);
    }

    [Fact]
    public async Task Confirm_ByPathologist_StillForbidden()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);
        var slide = await AddSlideAsync(pathologist.Client, created.Id, "cmu-1-small-region");
        var proposed = await DrawAsync(pathologist.Client, created.Id, slide.Id, Triangle(300, 300, 200));

        var response = await ConfirmAsync(pathologist.Client, created.Id, proposed);

        AssertStatus(System.Net.HttpStatusCode.Forbidden, response, "a pathologist confirming their own proposal");
    }
}
