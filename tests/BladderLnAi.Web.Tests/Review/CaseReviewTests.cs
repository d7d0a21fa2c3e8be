using System.Net;
using System.Net.Http.Json;
using BladderLnAi.Data;
using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Review;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BladderLnAi.Web.Tests.Review.ReviewApi;

namespace BladderLnAi.Web.Tests.Review;

/// <summary>Case review through the real routes, with real accounts, the real sample slides and a SQLite file.</summary>
[Trait("Category", "Review")]
public sealed class CaseReviewTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private const string Slide = "cmu-1-small-region";

    [Fact]
    public async Task Case_ReviewedBySeniorAndAmended_KeepsEveryVersion()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);

        var (signedOut, slide, node, finding) = await SignedOutCaseAsync(pathologist.Client, senior.Client, Slide);

        Assert.Equal(CaseStatus.SignedOut, signedOut.Status);
        Assert.Equal("pN1", signedOut.PnCategory);
        Assert.Equal("pN1", signedOut.SuggestedPnCategory);
        Assert.Equal(1, signedOut.Revision);
        var final = signedOut.Findings.Single();
        Assert.Equal(FindingReviewState.Final, final.ReviewState);
        Assert.Equal(pathologist.UserName, final.ProposedByName);
        Assert.Equal(senior.UserName, final.ConfirmedByName);
        Assert.Equal(node.Id, final.LymphNodeId);

        var readOnly = await ProposeAsync(pathologist.Client, signedOut.Id, final, FindingRuling.Reject, RejectionReason.Artefact);
        AssertStatus(HttpStatusCode.Conflict, readOnly, "a ruling on a signed-out case");
        Assert.Contains("signed out and read-only", await MessageAsync(readOnly));

        var amended = await ReadAsync<CaseView>(await senior.Client.PostAsJsonAsync(
            $"/api/cases/{signedOut.Id}/amendment", new ReasonRequest(signedOut.Version, "Second deposit found on recut"), Json));
        Assert.Equal(CaseStatus.Amended, amended.Status);
        var second = await DrawAsync(pathologist.Client, signedOut.Id, slide.Id, Triangle(1200, 1200, 300));
        await ReadAsync<FindingView>(await ConfirmAsync(senior.Client, signedOut.Id, second));
        var resigned = await ReadAsync<CaseView>(await SignOutAsync(senior.Client, signedOut.Id));

        Assert.Equal(2, resigned.Revision);
        Assert.Equal(2, resigned.Findings.Count);
        var first = await senior.Client.GetFromJsonAsync<CaseSnapshotDocument>($"/api/cases/{signedOut.Id}/snapshots/1", Json);
        var latest = await senior.Client.GetFromJsonAsync<CaseSnapshotDocument>($"/api/cases/{signedOut.Id}/snapshots/2", Json);
        Assert.Single(first!.Findings);
        Assert.Equal(2, latest!.Findings.Count);
        Assert.Equal("Second deposit found on recut", latest.AmendmentReason);
    }

    [Fact]
    public async Task Audit_RulingsAndSignOut_RecordBeforeAndAfter()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);

        var (signedOut, _, _, finding) = await SignedOutCaseAsync(pathologist.Client, senior.Client, Slide);

        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var findingEntries = await database.AuditEntries.Where(a => a.ObjectType == "case-finding" && a.ObjectId == finding.Id.ToString()).ToListAsync();
        var caseEntries = await database.AuditEntries.Where(a => a.ObjectType == "case" && a.ObjectId == signedOut.Id.ToString()).ToListAsync();
        var confirmation = Assert.Single(findingEntries, a => a.Action == "finding.confirmed");
        Assert.Contains("\"reviewState\":\"Proposed\"", confirmation.Before);
        Assert.Contains("\"reviewState\":\"Final\"", confirmation.After);
        Assert.Equal(senior.UserName, confirmation.UserName);
        Assert.Single(findingEntries, a => a.Action == "finding.drawn");
        var signOut = Assert.Single(caseEntries, a => a.Action == "case.signed-out");
        Assert.Contains("\"status\":\"AwaitingSenior\"", signOut.Before);
        Assert.Contains("\"status\":\"SignedOut\"", signOut.After);
        Assert.Contains(caseEntries, a => a.Action == "case.submitted");
    }

    [Fact]
    public async Task Confirm_OwnProposal_IsForbidden()
    {
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var otherSenior = await factory.SignInAsync(Roles.SeniorPathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(senior.Client);
        var proposed = await DrawAsync(senior.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 200));

        var own = await ConfirmAsync(senior.Client, reviewCase.Id, proposed);
        var other = await ConfirmAsync(otherSenior.Client, reviewCase.Id, proposed);

        AssertStatus(HttpStatusCode.Forbidden, own, "a senior confirming their own proposal");
        Assert.Contains("another senior pathologist must confirm", await MessageAsync(own));
        var confirmed = await ReadAsync<FindingView>(other);
        Assert.Equal(senior.UserName, confirmed.ProposedByName);
        Assert.Equal(otherSenior.UserName, confirmed.ConfirmedByName);
    }

    [Fact]
    public async Task Confirm_ByPathologist_IsForbidden()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var colleague = await factory.SignInAsync(Roles.Pathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(pathologist.Client);
        var proposed = await DrawAsync(pathologist.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 200));

        var response = await ConfirmAsync(colleague.Client, reviewCase.Id, proposed);

        AssertStatus(HttpStatusCode.Forbidden, response, "a pathologist confirming a ruling");
        var unchanged = await GetCaseAsync(pathologist.Client, reviewCase.Id);
        Assert.Equal(FindingReviewState.Proposed, unchanged.Findings.Single().ReviewState);
    }

    [Fact]
    public async Task Confirm_UnreviewedFinding_IsConflict()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(pathologist.Client);
        var drawn = await DrawAsync(pathologist.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 200));
        var confirmed = await ReadAsync<FindingView>(await ConfirmAsync(senior.Client, reviewCase.Id, drawn));

        var again = await ConfirmAsync(senior.Client, reviewCase.Id, confirmed);

        AssertStatus(HttpStatusCode.Conflict, again, "confirming a final ruling again");
        Assert.Contains("only a proposed ruling can be confirmed", await MessageAsync(again));
    }

    [Fact]
    public async Task ConcurrentProposals_OneWinsOneConflicts()
    {
        var first = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var second = await factory.SignInAsync(Roles.Pathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(first.Client);

        for (var round = 0; round < 5; round++)
        {
            var finding = await DrawAsync(first.Client, reviewCase.Id, slide.Id, Triangle(200 + round * 300, 200, 150));

            // Both requests carry the same version, as two reviewers who loaded the finding at the same time.
            var responses = await Task.WhenAll(
                ProposeAsync(first.Client, reviewCase.Id, finding, FindingRuling.Reject, RejectionReason.Artefact),
                ProposeAsync(second.Client, reviewCase.Id, finding, FindingRuling.Reject, RejectionReason.BenignMimic));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Contains("reload it and apply your change again", await MessageAsync(conflict));
            var stored = (await GetCaseAsync(first.Client, reviewCase.Id)).Findings.Single(f => f.Id == finding.Id);
            var winner = responses[0].StatusCode == HttpStatusCode.OK ? RejectionReason.Artefact : RejectionReason.BenignMimic;
            Assert.Equal(winner, stored.RejectionReason);
        }
    }

    [Fact]
    public async Task StaleVersion_ConflictNamesWhoChangedIt()
    {
        var first = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var second = await factory.SignInAsync(Roles.Pathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(first.Client);
        var finding = await DrawAsync(first.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 200));
        await ReadAsync<FindingView>(await ProposeAsync(second.Client, reviewCase.Id, finding, FindingRuling.Reject, RejectionReason.Duplicate));

        var stale = await ProposeAsync(first.Client, reviewCase.Id, finding, FindingRuling.Confirm);

        AssertStatus(HttpStatusCode.Conflict, stale, "a proposal on a stale version");
        Assert.Contains(second.UserName, await MessageAsync(stale));
    }

    [Fact]
    public async Task ConcurrentSaves_InTwoContexts_SecondFails()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(pathologist.Client);
        var finding = await DrawAsync(pathologist.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 200));
        var databases = factory.Services.GetRequiredService<IDbContextFactory<BladderLnAiDbContext>>();
        await using var one = await databases.CreateDbContextAsync();
        await using var two = await databases.CreateDbContextAsync();
        var inOne = await one.CaseFindings.SingleAsync(f => f.Id == finding.Id);
        var inTwo = await two.CaseFindings.SingleAsync(f => f.Id == finding.Id);

        inOne.Comment = "first";
        inOne.Version = Guid.NewGuid();
        await one.SaveChangesAsync();
        inTwo.Comment = "second";
        inTwo.Version = Guid.NewGuid();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());
        await using var check = await databases.CreateDbContextAsync();
        Assert.Equal("first", (await check.CaseFindings.SingleAsync(f => f.Id == finding.Id)).Comment);
    }

    [Fact]
    public async Task Reject_WithoutReason_IsInvalid()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(pathologist.Client);
        var finding = await DrawAsync(pathologist.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 200));

        var noReason = await ProposeAsync(pathologist.Client, reviewCase.Id, finding, FindingRuling.Reject);
        var otherWithoutComment = await ProposeAsync(pathologist.Client, reviewCase.Id, finding, FindingRuling.Reject, RejectionReason.Other);

        AssertStatus(HttpStatusCode.BadRequest, noReason, "a rejection without a reason");
        Assert.Contains("needs a reason", await MessageAsync(noReason));
        AssertStatus(HttpStatusCode.BadRequest, otherWithoutComment, "a rejection for Other without a comment");
    }

    [Fact]
    public async Task EditOutline_RecomputesMeasurementsOnServer()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(pathologist.Client);
        var finding = await DrawAsync(pathologist.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 100));
        Assert.Equal("itc", finding.SizeClass);

        double[][] larger = [[100, 100], [2100, 100], [2100, 900], [100, 900]];
        var edited = await ReadAsync<FindingView>(await pathologist.Client.PutAsJsonAsync(
            $"/api/cases/{reviewCase.Id}/findings/{finding.Id}/outline", new OutlineRequest(finding.Version, larger), Json));

        // The sample slide has 0.499 um/px: the 2000 x 800 pixel rectangle's diagonal is 2154 px, about 1075 um.
        Assert.Equal("micro", edited.SizeClass);
        Assert.InRange(edited.GreatestDimensionMicrons!.Value, 1000, 1150);
        Assert.InRange(edited.AreaSquareMillimetres!.Value, 0.38, 0.42);
        Assert.Equal(1100, edited.CentreX, 6);
        Assert.Equal(500, edited.CentreY, 6);
        Assert.Equal(FindingReviewState.Proposed, edited.ReviewState);
    }

    [Fact]
    public async Task IllegalTransitions_AreRejectedWithMessage()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);

        var submit = await pathologist.Client.PostAsJsonAsync($"/api/cases/{created.Id}/submission", new VersionRequest(created.Version), Json);
        var signOut = await SignOutAsync(senior.Client, created.Id);
        var amend = await senior.Client.PostAsJsonAsync($"/api/cases/{created.Id}/amendment", new ReasonRequest(created.Version, "typo"), Json);

        AssertStatus(HttpStatusCode.Conflict, submit, "submitting a new case");
        Assert.Contains("New cannot become AwaitingSenior", await MessageAsync(submit));
        AssertStatus(HttpStatusCode.Conflict, signOut, "signing out a new case");
        Assert.Contains("New cannot become SignedOut", await MessageAsync(signOut));
        AssertStatus(HttpStatusCode.Conflict, amend, "amending a case never signed out");
    }

    [Fact]
    public async Task SignOut_OverrideWithoutReason_IsInvalid()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var (reviewCase, slide) = await CaseWithSlideAsync(pathologist.Client);
        await AddNodeAsync(pathologist.Client, reviewCase.Id, "LN1", NodeStation.RightCommonIliac, slide.Id);
        var finding = await DrawAsync(pathologist.Client, reviewCase.Id, slide.Id, Triangle(300, 300, 500));
        await ReadAsync<FindingView>(await ConfirmAsync(senior.Client, reviewCase.Id, finding));
        await SubmitAsync(pathologist.Client, reviewCase.Id);

        var withoutReason = await SignOutAsync(senior.Client, reviewCase.Id, "pN2");
        var overridden = await ReadAsync<CaseView>(await SignOutAsync(senior.Client, reviewCase.Id, "pN2", "Second node positive on levels"));

        AssertStatus(HttpStatusCode.BadRequest, withoutReason, "an override without a reason");
        Assert.Contains("overrides the suggested pN3", await MessageAsync(withoutReason));
        Assert.Equal("pN3", overridden.SuggestedPnCategory);
        Assert.Equal("pN2", overridden.PnCategory);
        Assert.Equal("Second node positive on levels", overridden.PnOverrideReason);
    }

    [Fact]
    public async Task OtherSite_GetsNotFoundForCase()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var outsider = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Other);
        var (reviewCase, _) = await CaseWithSlideAsync(pathologist.Client);

        var read = await outsider.Client.GetAsync($"/api/cases/{reviewCase.Id}");
        var list = await outsider.Client.GetFromJsonAsync<List<CaseListItem>>("/api/cases", Json);

        AssertStatus(HttpStatusCode.NotFound, read, "reading another site's case");
        Assert.DoesNotContain(list!, item => item.Id == reviewCase.Id);
    }

    [Fact]
    public async Task AddSlide_OtherSitesSlide_IsRejected()
    {
        var outsider = await factory.AccountAsync(Roles.Pathologist, TestSites.Other);
        var created = await CreateCaseAsync(outsider.Client);

        var response = await outsider.Client.PostAsJsonAsync($"/api/cases/{created.Id}/slides", new AddSlideRequest(Slide), Json);

        AssertStatus(HttpStatusCode.BadRequest, response, "adding a slide of another site");
        Assert.Contains("not in a slide folder of this case's site", await MessageAsync(response));
    }

    internal async Task<(CaseView Case, CaseSlideView Slide)> CaseWithSlideAsync(HttpClient client)
    {
        var created = await CreateCaseAsync(client);
        return (created, await AddSlideAsync(client, created.Id, Slide));
    }
}
