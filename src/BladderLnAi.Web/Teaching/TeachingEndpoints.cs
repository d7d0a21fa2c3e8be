using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using BladderLnAi.Slides;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Observability;
using BladderLnAi.Web.Slides;

namespace BladderLnAi.Web.Teaching;

/// <summary>
/// Teaching routes. A resident's attempt shows its slides as Deep Zoom images addressed by attempt and case slide,
/// so that no slide file name (which may carry the accession number) reaches the browser; the heatmap follows only
/// after submission. Educators export a set's scores as CSV. Every other caller gets 404.
/// </summary>
public static class TeachingEndpoints
{
    private const string SlidePrefix = "/api/teaching/attempts/{attemptId:int}/slides/{caseSlideId:int}";

    public static IEndpointRouteBuilder MapTeachingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{SlidePrefix}/image.dzi", GetDescriptorAsync);
        app.MapGet($"{SlidePrefix}/image_files/{{level:int}}/{{tile}}", GetTileAsync);
        app.MapGet($"{SlidePrefix}/heatmap.png", GetHeatmapAsync);
        app.MapGet("/api/teaching/sets/{setId:int}/scores.csv", GetScoresCsvAsync).RequireAuthorization(Policies.Educator);
        return app;
    }

    private static async Task<IResult> GetDescriptorAsync(
        int attemptId,
        int caseSlideId,
        AttemptService attempts,
        SlideService slides,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var entry = await attempts.SlideOfAttemptAsync(user, attemptId, caseSlideId, cancellationToken);
        if (entry is null)
        {
            return Results.NotFound();
        }

        var layout = slides.Renderer.GetLayout(slides.Open(entry));
        return Results.Text(DziDescriptor.ToXml(layout), "application/xml");
    }

    private static async Task<IResult> GetTileAsync(
        int attemptId,
        int caseSlideId,
        int level,
        string tile,
        AttemptService attempts,
        SlideService slides,
        BladderLnAiMetrics metrics,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        // The slide comes from the attempt, so only the tile name is parsed.
        if (!SlideEndpoints.TryParseTileName(level.ToString(CultureInfo.InvariantCulture), tile, ".jpeg", out var z, out var column, out var row))
        {
            return Results.NotFound();
        }

        var entry = await attempts.SlideOfAttemptAsync(context.User, attemptId, caseSlideId, cancellationToken);
        return entry is null ? Results.NotFound() : SlideEndpoints.RenderTile(entry, z, column, row, context, slides, metrics, started);
    }

    private static async Task<IResult> GetHeatmapAsync(
        int attemptId,
        int caseSlideId,
        AttemptService attempts,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var file = await attempts.HeatmapFileAsync(user, attemptId, caseSlideId, cancellationToken);
        return file is null ? Results.NotFound() : Results.File(file, "image/png", enableRangeProcessing: false);
    }

    private static async Task<IResult> GetScoresCsvAsync(int setId, TeachingProgress progress, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var csv = await progress.CsvAsync(user, setId, cancellationToken);
        return csv is null
            ? Results.NotFound()
            : Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"case-set-{setId}-scores.csv");
    }
}
