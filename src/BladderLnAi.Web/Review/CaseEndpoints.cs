using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Identity;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Case review routes under <c>/api/cases</c>. Pathologists and senior pathologists of the case's site use them;
/// confirmations, returns, sign-outs and amendments need a senior. A case of another site gets 404.
/// </summary>
public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").RequireAuthorization(Policies.Reviewer).AddEndpointFilter<ReviewExceptionFilter>();
        cases.MapGet("/", ListAsync);
        cases.MapPost("/", CreateAsync);
        cases.MapGet("/{caseId:int}", GetAsync);
        cases.MapPost("/{caseId:int}/slides", AddSlideAsync);
        cases.MapPost("/{caseId:int}/slides/upload", SlideUploadEndpoint.UploadAsync).DisableAntiforgery();
        cases.MapPost("/{caseId:int}/slides/{caseSlideId:int}/analysis", ImportAnalysisAsync);
        cases.MapPost("/{caseId:int}/slides/{caseSlideId:int}/geojson", CaseExportEndpoints.ImportGeoJsonAsync).DisableAntiforgery();
        cases.MapGet("/{caseId:int}/slides/{caseSlideId:int}/geojson", CaseExportEndpoints.ExportGeoJsonAsync);
        cases.MapGet("/{caseId:int}/findings.csv", CaseExportEndpoints.ExportCsvAsync);
        cases.MapPost("/{caseId:int}/nodes", AddNodeAsync);
        cases.MapPut("/{caseId:int}/nodes/{nodeId:int}", UpdateNodeAsync);
        cases.MapPost("/{caseId:int}/findings", DrawAsync);
        cases.MapPost("/{caseId:int}/findings/{findingId:int}/proposal", ProposeAsync);
        cases.MapPost("/{caseId:int}/findings/{findingId:int}/confirmation", ConfirmAsync).RequireAuthorization(Policies.Senior);
        cases.MapPut("/{caseId:int}/findings/{findingId:int}/outline", EditOutlineAsync);
        cases.MapPut("/{caseId:int}/findings/{findingId:int}/node", AssignNodeAsync);
        cases.MapGet("/{caseId:int}/summary", SummaryAsync);
        cases.MapPost("/{caseId:int}/submission", SubmitAsync);
        cases.MapPost("/{caseId:int}/return", ReturnAsync).RequireAuthorization(Policies.Senior);
        cases.MapPost("/{caseId:int}/sign-out", SignOutAsync).RequireAuthorization(Policies.Senior);
        cases.MapPost("/{caseId:int}/amendment", AmendAsync).RequireAuthorization(Policies.Senior);
        cases.MapGet("/{caseId:int}/snapshots/{revision:int}", SnapshotAsync);
        cases.MapGet("/{caseId:int}/report", Reports.CaseReportEndpoints.HtmlAsync);
        cases.MapGet("/{caseId:int}/report.pdf", Reports.CaseReportEndpoints.PdfAsync);
        app.MapHub<CaseHub>(CaseHub.Path);
        return app;
    }

    private static async Task<IResult> ListAsync(CaseService cases, HttpContext context, CancellationToken cancellationToken) =>
        Results.Ok(await cases.ListAsync(context.User, cancellationToken));

    private static async Task<IResult> CreateAsync(CreateCaseRequest request, CaseService cases, HttpContext context, CancellationToken cancellationToken)
    {
        var created = await cases.CreateAsync(ReviewActor.From(context), request.AccessionNumber, request.SiteId, cancellationToken);
        return Results.Created($"/api/cases/{created.Id}", CaseView.From(created));
    }

    private static async Task<IResult> GetAsync(int caseId, CaseService cases, HttpContext context, CancellationToken cancellationToken) =>
        Results.Ok(CaseView.From(await cases.GetAsync(context.User, caseId, cancellationToken)));

    private static async Task<IResult> AddSlideAsync(
        int caseId,
        AddSlideRequest request,
        CaseService cases,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var slide = await cases.AddSlideAsync(ReviewActor.From(context), caseId, request.SlideId ?? "", CaseSlideSource.SlideFolder, cancellationToken);
        return Results.Created($"/api/cases/{caseId}", new CaseSlideView(slide.Id, slide.SlideId, slide.FileName, slide.Source, slide.ImportedJobId));
    }

    private static async Task<IResult> ImportAnalysisAsync(
        int caseId,
        int caseSlideId,
        FindingReviewService findings,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var added = await findings.ImportAnalysisAsync(ReviewActor.From(context), caseId, caseSlideId, cancellationToken);
        return Results.Ok(added.Select(FindingView.From).ToList());
    }

    private static async Task<IResult> AddNodeAsync(int caseId, LymphNodeRequest request, CaseService cases, HttpContext context, CancellationToken cancellationToken)
    {
        var node = await cases.AddNodeAsync(ReviewActor.From(context), caseId, request.Label, request.Station, request.CaseSlideIds ?? [], cancellationToken);
        return Results.Created($"/api/cases/{caseId}", new LymphNodeView(node.Id, node.Label, node.Station, node.Slides.Select(l => l.CaseSlideId).ToList()));
    }

    private static async Task<IResult> UpdateNodeAsync(
        int caseId,
        int nodeId,
        LymphNodeRequest request,
        CaseService cases,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var node = await cases.UpdateNodeAsync(ReviewActor.From(context), caseId, nodeId, request.Label, request.Station, request.CaseSlideIds ?? [], cancellationToken);
        return Results.Ok(new LymphNodeView(node.Id, node.Label, node.Station, node.Slides.Select(l => l.CaseSlideId).ToList()));
    }

    private static async Task<IResult> DrawAsync(int caseId, DrawFindingRequest request, FindingReviewService findings, HttpContext context, CancellationToken cancellationToken)
    {
        var outline = OutlineJson.FromArrays(request.Outline ?? []);
        var finding = await findings.DrawAsync(ReviewActor.From(context), caseId, request.CaseSlideId, outline, request.LymphNodeId, cancellationToken);
        return Results.Created($"/api/cases/{caseId}", FindingView.From(finding));
    }

    private static async Task<IResult> ProposeAsync(
        int caseId,
        int findingId,
        ProposalRequest request,
        FindingReviewService findings,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var finding = await findings.ProposeAsync(
            ReviewActor.From(context), caseId, findingId, request.Version, request.Ruling, request.RejectionReason, request.Comment, cancellationToken);
        return Results.Ok(FindingView.From(finding));
    }

    private static async Task<IResult> ConfirmAsync(
        int caseId,
        int findingId,
        VersionRequest request,
        FindingReviewService findings,
        HttpContext context,
        CancellationToken cancellationToken) =>
        Results.Ok(FindingView.From(await findings.ConfirmAsync(ReviewActor.From(context), caseId, findingId, request.Version, cancellationToken)));

    private static async Task<IResult> EditOutlineAsync(
        int caseId,
        int findingId,
        OutlineRequest request,
        FindingReviewService findings,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var outline = OutlineJson.FromArrays(request.Outline ?? []);
        var finding = await findings.EditOutlineAsync(ReviewActor.From(context), caseId, findingId, request.Version, outline, cancellationToken);
        return Results.Ok(FindingView.From(finding));
    }

    private static async Task<IResult> AssignNodeAsync(
        int caseId,
        int findingId,
        NodeAssignmentRequest request,
        FindingReviewService findings,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var finding = await findings.AssignNodeAsync(ReviewActor.From(context), caseId, findingId, request.Version, request.LymphNodeId, cancellationToken);
        return Results.Ok(FindingView.From(finding));
    }

    private static async Task<IResult> SummaryAsync(int caseId, CaseSignOutService signOut, HttpContext context, CancellationToken cancellationToken) =>
        Results.Ok(CaseSummaryView.From(await signOut.SummaryAsync(context.User, caseId, cancellationToken)));

    private static async Task<IResult> SubmitAsync(int caseId, VersionRequest request, CaseSignOutService signOut, HttpContext context, CancellationToken cancellationToken) =>
        Results.Ok(CaseView.From(await signOut.SubmitAsync(ReviewActor.From(context), caseId, request.Version, cancellationToken)));

    private static async Task<IResult> ReturnAsync(int caseId, ReasonRequest request, CaseSignOutService signOut, HttpContext context, CancellationToken cancellationToken) =>
        Results.Ok(CaseView.From(await signOut.ReturnAsync(ReviewActor.From(context), caseId, request.Version, request.Reason, cancellationToken)));

    private static async Task<IResult> SignOutAsync(int caseId, SignOutRequest request, CaseSignOutService signOut, HttpContext context, CancellationToken cancellationToken)
    {
        var signedOut = await signOut.SignOutAsync(
            ReviewActor.From(context), caseId, request.Version, request.PnCategory, request.OverrideReason, cancellationToken);
        return Results.Ok(CaseView.From(signedOut));
    }

    private static async Task<IResult> AmendAsync(int caseId, ReasonRequest request, CaseSignOutService signOut, HttpContext context, CancellationToken cancellationToken) =>
        Results.Ok(CaseView.From(await signOut.AmendAsync(ReviewActor.From(context), caseId, request.Version, request.Reason, cancellationToken)));

    private static async Task<IResult> SnapshotAsync(
        int caseId,
        int revision,
        CaseSignOutService signOut,
        HttpContext context,
        CancellationToken cancellationToken) =>
        Results.Ok(await signOut.SnapshotAsync(context.User, caseId, revision, cancellationToken));
}

/// <summary>Turns a rejected review action into 400, 403, 404 or 409 with the reason as <c>message</c>.</summary>
public sealed class ReviewExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ReviewException ex)
        {
            var status = ex.Error switch
            {
                ReviewError.Invalid => StatusCodes.Status400BadRequest,
                ReviewError.Forbidden => StatusCodes.Status403Forbidden,
                ReviewError.NotFound => StatusCodes.Status404NotFound,
                ReviewError.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status409Conflict,
            };
            return Results.Json(new { message = ex.Message }, statusCode: status);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Results.Json(new { message = $"The outline is invalid: {ex.Message}" }, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}

/// <summary>The sign-out summary as the API returns it.</summary>
public sealed record CaseSummaryView(int NodesExamined, int NodesPositive, string SuggestedPnCategory, IReadOnlyList<string> Notes, IReadOnlyList<NodeSummaryView> Nodes)
{
    public static CaseSummaryView From(CaseSummary summary) => new(
        summary.NodesExamined,
        summary.NodesPositive,
        summary.SuggestedPnCategory,
        summary.Notes,
        summary.Nodes.Select(n => new NodeSummaryView(
            n.LymphNodeId,
            n.Label,
            n.Station,
            n.Station.DisplayName(),
            n.IsPositive,
            n.HasIsolatedTumourCellsOnly,
            n.DepositCount,
            n.LargestDeposit?.Id,
            n.LargestDeposit?.GreatestDimensionMicrons,
            n.LargestSizeClass)).ToList());
}

public sealed record NodeSummaryView(
    int LymphNodeId,
    string Label,
    NodeStation Station,
    string StationName,
    bool IsPositive,
    bool HasIsolatedTumourCellsOnly,
    int DepositCount,
    int? LargestFindingId,
    double? LargestGreatestDimensionMicrons,
    string? LargestSizeClass);
