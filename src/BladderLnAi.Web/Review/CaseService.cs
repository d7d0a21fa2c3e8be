using System.Security.Claims;
using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Creates cases and manages their slides and lymph nodes. Status changes and sign-out live in
/// <see cref="CaseSignOutService"/>, rulings in <see cref="FindingReviewService"/>.
/// </summary>
public sealed partial class CaseService(
    CaseStore store,
    SlideService slides,
    SlideAccess access,
    CaseEvents events,
    ILogger<CaseService> logger)
{
    public Task<bool> CanViewAsync(ClaimsPrincipal user, int caseId, CancellationToken cancellationToken) =>
        store.CanViewAsync(user, caseId, cancellationToken);

    /// <summary>Returns the cases of the user's sites, newest first.</summary>
    public async Task<IReadOnlyList<CaseListItem>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var sites = await store.SitesOfAsync(user, cancellationToken);
        await using var database = await store.OpenAsync(cancellationToken);
        return await database.Cases.AsNoTracking()
            .Where(c => sites.Contains(c.SiteId))
            .OrderByDescending(c => c.CreatedUtc)
            .Select(c => new CaseListItem(
                c.Id,
                c.AccessionNumber,
                c.SiteId,
                c.Status,
                c.Slides.Count,
                c.LymphNodes.Count,
                c.Findings.Count,
                c.Findings.Count(f => f.ReviewState != FindingReviewState.Final),
                c.PnCategory,
                c.CreatedUtc,
                c.SignedOutUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Returns a case with its slides, nodes and findings, read-only.</summary>
    /// <exception cref="ReviewException">No such case in the user's sites.</exception>
    public async Task<Case> GetAsync(ClaimsPrincipal user, int caseId, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadAsync(database, user, caseId, cancellationToken);
        database.ChangeTracker.Clear();
        return reviewCase;
    }

    /// <summary>Creates a case on one of the actor's sites.</summary>
    /// <param name="siteId">Site of the case; may be left out when the actor belongs to one site only.</param>
    public async Task<Case> CreateAsync(ReviewActor actor, string? accessionNumber, int? siteId, CancellationToken cancellationToken)
    {
        actor.RequireReviewer();
        var accession = accessionNumber?.Trim() ?? "";
        if (accession.Length is 0 or > 60 || accession.Any(char.IsControl))
        {
            throw ReviewException.Invalid(
                $"Accession number '{accession}' is invalid; enter the laboratory's number, 1 to 60 printable characters.");
        }

        var site = await ChooseSiteAsync(actor, siteId, cancellationToken);
        await using var database = await store.OpenAsync(cancellationToken);
        if (await database.Cases.AnyAsync(c => c.SiteId == site && c.AccessionNumber == accession, cancellationToken))
        {
            throw ReviewException.Conflict($"A case with accession number {accession} already exists on this site; open it from the case list.");
        }

        // The audit entry names the new case's id, so the case is saved first; one transaction keeps both or neither.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var reviewCase = new Case { AccessionNumber = accession, SiteId = site, CreatedUtc = store.UtcNow, CreatedByUserId = actor.UserId };
        database.Cases.Add(reviewCase);
        await CaseStore.SaveAsync(database, cancellationToken);
        CaseAudit.Add(database, actor, store.UtcNow, "case.created", CaseAudit.CaseObject, reviewCase.Id.ToString(), site, null, CaseAudit.Values(reviewCase), accession);
        await CaseStore.SaveAsync(database, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Created(logger, reviewCase.Id, site, actor.UserName);
        return reviewCase;
    }

    /// <summary>Adds a slide of the case's site (from its slide folders or an upload) to the case.</summary>
    public async Task<CaseSlide> AddSlideAsync(
        ReviewActor actor,
        int caseId,
        string slideId,
        CaseSlideSource source,
        CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        if (!slides.TryGet(slideId, out var entry) || await access.SiteOfAsync(entry, cancellationToken) != reviewCase.SiteId)
        {
            throw ReviewException.Invalid($"Slide '{slideId}' is not in a slide folder of this case's site; pick a slide from the list or upload it.");
        }

        if (reviewCase.Slides.Any(s => s.SlideId == slideId))
        {
            throw ReviewException.Conflict($"Slide {entry.FileName} is already part of case {reviewCase.AccessionNumber}.");
        }

        var slide = new CaseSlide { SlideId = entry.Id, FileName = entry.FileName, Source = source, AddedUtc = store.UtcNow, AddedByUserId = actor.UserId };
        reviewCase.Slides.Add(slide);
        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        CaseStore.Touch(reviewCase, name, store.UtcNow);
        CaseAudit.Add(database, actor, store.UtcNow, "case.slide-added", CaseAudit.CaseObject, caseId.ToString(), reviewCase.SiteId,
            null, new { slide.SlideId, slide.FileName, slide.Source });
        await CaseStore.SaveAsync(database, cancellationToken);
        Log.SlideAdded(logger, caseId, entry.Id, source);
        await events.PublishAsync(new CaseChange(caseId, "slide", null, name, $"{name} added slide {entry.FileName}", store.UtcNow));
        return slide;
    }

    /// <summary>Adds a lymph node with its station and the case slides it lies on.</summary>
    public async Task<LymphNode> AddNodeAsync(
        ReviewActor actor,
        int caseId,
        string? label,
        NodeStation station,
        IReadOnlyCollection<int> caseSlideIds,
        CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var node = new LymphNode { Label = ValidateLabel(label), Station = ValidateStation(station) };
        EnsureUniqueLabel(reviewCase, node.Label, null);
        node.Slides = ValidateSlides(reviewCase, caseSlideIds).Select(id => new LymphNodeSlide { CaseSlideId = id }).ToList();
        reviewCase.LymphNodes.Add(node);
        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        CaseStore.Touch(reviewCase, name, store.UtcNow);
        await CaseStore.SaveAsync(database, cancellationToken);

        AssignSingleNodeSlides(reviewCase);
        CaseAudit.Add(database, actor, store.UtcNow, "case.node-added", CaseAudit.CaseObject, caseId.ToString(), reviewCase.SiteId,
            null, new { node.Id, node.Label, node.Station, Slides = caseSlideIds });
        await CaseStore.SaveAsync(database, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await events.PublishAsync(new CaseChange(caseId, "node", null, name, $"{name} added lymph node {node.Label}", store.UtcNow));
        return node;
    }

    /// <summary>Changes a lymph node's label, station or slides.</summary>
    public async Task<LymphNode> UpdateNodeAsync(
        ReviewActor actor,
        int caseId,
        int nodeId,
        string? label,
        NodeStation station,
        IReadOnlyCollection<int> caseSlideIds,
        CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        var node = reviewCase.LymphNodes.FirstOrDefault(n => n.Id == nodeId)
            ?? throw ReviewException.NotFound($"Lymph node {nodeId} was not found in case {reviewCase.AccessionNumber}.");
        var before = new { node.Label, node.Station, Slides = node.Slides.Select(s => s.CaseSlideId).ToList() };
        node.Label = ValidateLabel(label);
        EnsureUniqueLabel(reviewCase, node.Label, nodeId);
        node.Station = ValidateStation(station);
        var slideIds = ValidateSlides(reviewCase, caseSlideIds);
        node.Slides.RemoveAll(link => !slideIds.Contains(link.CaseSlideId));
        node.Slides.AddRange(slideIds.Where(id => node.Slides.All(link => link.CaseSlideId != id))
            .Select(id => new LymphNodeSlide { LymphNodeId = nodeId, CaseSlideId = id }));
        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        CaseStore.Touch(reviewCase, name, store.UtcNow);
        CaseAudit.Add(database, actor, store.UtcNow, "case.node-changed", CaseAudit.CaseObject, caseId.ToString(), reviewCase.SiteId,
            before, new { node.Label, node.Station, Slides = slideIds });
        AssignSingleNodeSlides(reviewCase);
        await CaseStore.SaveAsync(database, cancellationToken);
        await events.PublishAsync(new CaseChange(caseId, "node", null, name, $"{name} changed lymph node {node.Label}", store.UtcNow));
        return node;
    }

    /// <summary>
    /// Puts each finding that is in no node into the node of its slide, when the slide holds exactly one node.
    /// Findings on slides with several nodes wait for a reviewer to choose.
    /// </summary>
    internal static void AssignSingleNodeSlides(Case reviewCase)
    {
        foreach (var finding in reviewCase.Findings.Where(f => f.LymphNodeId is null))
        {
            var nodes = reviewCase.LymphNodes.Where(n => n.Slides.Any(link => link.CaseSlideId == finding.CaseSlideId)).ToList();
            if (nodes.Count == 1)
            {
                finding.LymphNodeId = nodes[0].Id;
            }
        }
    }

    private async Task<int> ChooseSiteAsync(ReviewActor actor, int? siteId, CancellationToken cancellationToken)
    {
        var sites = await store.SitesOfAsync(actor.User, cancellationToken);
        if (siteId is { } requested)
        {
            return sites.Contains(requested)
                ? requested
                : throw ReviewException.Invalid($"You are not a member of site {requested}; choose one of your sites.");
        }

        return sites.Count switch
        {
            1 => sites.Single(),
            0 => throw ReviewException.Forbidden("You belong to no site, so you cannot create cases; ask an administrator to add you to one."),
            _ => throw ReviewException.Invalid("You belong to several sites; choose the site of the case."),
        };
    }

    private static string ValidateLabel(string? label)
    {
        var trimmed = label?.Trim() ?? "";
        return trimmed.Length is > 0 and <= 60 && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw ReviewException.Invalid($"Lymph node label '{trimmed}' is invalid; use 1 to 60 printable characters, such as LN3.");
    }

    private static NodeStation ValidateStation(NodeStation station) =>
        Enum.IsDefined(station)
            ? station
            : throw ReviewException.Invalid($"Station {(int)station} is not a known station; choose one of {string.Join(", ", Enum.GetNames<NodeStation>())}.");

    private static void EnsureUniqueLabel(Case reviewCase, string label, int? exceptNodeId)
    {
        if (reviewCase.LymphNodes.Any(n => n.Id != exceptNodeId && string.Equals(n.Label, label, StringComparison.OrdinalIgnoreCase)))
        {
            throw ReviewException.Conflict($"Case {reviewCase.AccessionNumber} already has a lymph node labelled {label}; choose another label.");
        }
    }

    private static List<int> ValidateSlides(Case reviewCase, IReadOnlyCollection<int> caseSlideIds)
    {
        var unknown = caseSlideIds.Where(id => reviewCase.Slides.All(s => s.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw ReviewException.Invalid($"Slide(s) {string.Join(", ", unknown)} are not part of case {reviewCase.AccessionNumber}.");
        }

        return caseSlideIds.Distinct().ToList();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Case {CaseId} created on site {SiteId} by {UserName}")]
        public static partial void Created(ILogger logger, int caseId, int siteId, string userName);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Slide {SlideId} added to case {CaseId} from {Source}")]
        public static partial void SlideAdded(ILogger logger, int caseId, string slideId, CaseSlideSource source);
    }
}

/// <summary>One row of the case list.</summary>
public sealed record CaseListItem(
    int Id,
    string AccessionNumber,
    int SiteId,
    CaseStatus Status,
    int SlideCount,
    int NodeCount,
    int FindingCount,
    int OpenFindingCount,
    string? PnCategory,
    DateTime CreatedUtc,
    DateTime? SignedOutUtc);
