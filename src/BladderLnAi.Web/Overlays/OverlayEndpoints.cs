using System.Globalization;
using BladderLnAi.Analysis.Overlays;
using BladderLnAi.Analysis.Reading;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Slides;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using Microsoft.Net.Http.Headers;
using SixLabors.ImageSharp;

namespace BladderLnAi.Web.Overlays;

/// <summary>
/// Overlay routes. A completed analysis serves its heatmap as a Deep Zoom pyramid with the slide's own geometry,
/// its findings by viewport and its counts of findings per area. A slide serves an image of any level-0 rectangle,
/// such as the thumbnails of the top regions. A job or slide the user may not see gets 404, like an unknown id.
/// </summary>
public static class OverlayEndpoints
{
    /// <summary>Maximum grid cells one counts request may cover, so that a tiny cell size cannot exhaust memory.</summary>
    public const long MaxClusterCells = 100_000;

    /// <summary>Longest side in pixels of a slide region image.</summary>
    public const int MaxRegionSize = 1024;

    public static IEndpointRouteBuilder MapOverlayEndpoints(this IEndpointRouteBuilder app)
    {
        var job = app.MapGroup("/api/analyses/{jobId:guid}");
        job.MapGet("/heatmap.dzi", GetHeatmapDescriptorAsync);
        job.MapGet("/heatmap_files/{level}/{tile}", GetHeatmapTileAsync);
        job.MapGet("/findings", GetFindingsAsync);
        job.MapGet("/findings/clusters", GetClustersAsync);
        app.MapGet("/api/slides/{id}/region.jpeg", GetRegionAsync);
        return app;
    }

    private static async Task<IResult> GetHeatmapDescriptorAsync(
        Guid jobId,
        JobLookup lookup,
        JobOverlayCache overlays,
        SlideService slides,
        HttpContext context)
    {
        var source = await FindAsync(jobId, lookup, overlays, slides, context);
        return source is null
            ? Results.NotFound()
            : Results.Text(DziDescriptor.ToXml(source.Value.Layout, "png"), "application/xml");
    }

    private static async Task<IResult> GetHeatmapTileAsync(
        Guid jobId,
        string level,
        string tile,
        JobLookup lookup,
        JobOverlayCache overlays,
        SlideService slides,
        HttpContext context)
    {
        if (!SlideEndpoints.TryParseTileName(level, tile, ".png", out var z, out var column, out var row))
        {
            return Results.NotFound();
        }

        var source = await FindAsync(jobId, lookup, overlays, slides, context);
        if (source is not { } found || found.Overlay.Heatmap is not { } heatmap || !found.Layout.TryGetTile(z, column, row, out _))
        {
            return Results.NotFound();
        }

        var layout = found.Layout;
        var etag = $"\"heatmap-{jobId:N}-{z}-{column}-{row}-{layout.Width}x{layout.Height}-{layout.TileSize}-{layout.Overlap}\"";
        SlideEndpoints.SetCacheHeaders(context, etag, slides.Options.TileMaxAgeSeconds);
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var key = $"heatmap/{etag}";
        if (!slides.Tiles.TryGet(key, out var png))
        {
            png = HeatmapTileRenderer.RenderPng(heatmap, layout, z, column, row);
            slides.Tiles.Add(key, png);
        }

        return Results.Bytes(png, "image/png");
    }

    private static async Task<IResult> GetFindingsAsync(
        Guid jobId,
        JobLookup lookup,
        JobOverlayCache overlays,
        SlideService slides,
        ViewerOptions viewer,
        HttpContext context)
    {
        var query = context.Request.Query;
        var limitText = query["limit"].ToString();
        var limit = viewer.MaxFindingsPerRequest;
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit < 1 || limit > viewer.MaxFindingsPerRequest))
        {
            return Invalid($"limit '{limitText}' is not a whole number from 1 to {viewer.MaxFindingsPerRequest}.");
        }

        if (!TryParseRectangle(query, out var area, out var error))
        {
            return Invalid(error);
        }

        var source = await FindAsync(jobId, lookup, overlays, slides, context);
        return source is null ? Results.NotFound() : Results.Ok(source.Value.Overlay.Findings.Query(area, limit));
    }

    private static async Task<IResult> GetClustersAsync(
        Guid jobId,
        JobLookup lookup,
        JobOverlayCache overlays,
        SlideService slides,
        HttpContext context)
    {
        var query = context.Request.Query;
        if (!TryParseRectangle(query, out var area, out var error))
        {
            return Invalid(error);
        }

        var cellText = query["cellSize"].ToString();
        if (!TryParseNumber(cellText, out var cellSize) || cellSize <= 0)
        {
            return Invalid($"cellSize '{cellText}' is not a positive number of level-0 pixels.");
        }

        var cells = (Math.Floor(area.Width / cellSize) + 2) * (Math.Floor(area.Height / cellSize) + 2);
        if (cells > MaxClusterCells)
        {
            return Invalid($"cellSize {cellText} cuts the rectangle into about {cells:0} cells; "
                + $"use a cell size that gives at most {MaxClusterCells}.");
        }

        var source = await FindAsync(jobId, lookup, overlays, slides, context);
        if (source is null)
        {
            return Results.NotFound();
        }

        var clusters = source.Value.Overlay.Findings.Cluster(area, cellSize);
        return Results.Ok(new { total = clusters.Sum(c => c.Count), cellSize, clusters });
    }

    private static async Task<IResult> GetRegionAsync(
        string id,
        SlideService slides,
        SlideAccess access,
        HttpContext context)
    {
        var query = context.Request.Query;
        if (!TryParseRectangle(query, out var area, out var error))
        {
            return Invalid(error);
        }

        if (area.Width <= 0 || area.Height <= 0)
        {
            return Invalid($"width {area.Width} and height {area.Height} must both be above 0 level-0 pixels.");
        }

        var sizeText = query["size"].ToString();
        var size = FindingThumbnail.Size;
        if (sizeText.Length > 0
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 16 || size > MaxRegionSize))
        {
            return Invalid($"size '{sizeText}' is not a whole number of pixels from 16 to {MaxRegionSize}.");
        }

        if (!slides.TryGet(id, out var entry) || !await access.CanViewAsync(context.User, entry, context.RequestAborted))
        {
            return Results.NotFound();
        }

        // The longer side of the rectangle gets `size` pixels, so the image keeps the rectangle's aspect ratio.
        var scale = size / Math.Max(area.Width, area.Height);
        var width = Math.Max(1, (int)Math.Round(area.Width * scale));
        var height = Math.Max(1, (int)Math.Round(area.Height * scale));
        var etag = string.Create(
            CultureInfo.InvariantCulture,
            $"\"region-{SlideService.FileVersion(entry)}-{area.X:R}-{area.Y:R}-{area.Width:R}-{area.Height:R}-{size}\"");
        SlideEndpoints.SetCacheHeaders(context, etag, slides.Options.TileMaxAgeSeconds);
        var key = $"{entry.Id}/{etag}";
        if (!slides.Tiles.TryGet(key, out var jpeg))
        {
            var pixels = SlideRegionReader.ReadScaled(slides.Open(entry), area.X, area.Y, area.Width, area.Height, width, height);
            using var image = pixels.ToImageSharp();
            using var output = new MemoryStream();
            image.SaveAsJpeg(output);
            jpeg = output.ToArray();
            slides.Tiles.Add(key, jpeg);
        }

        return Results.Bytes(jpeg, "image/jpeg");
    }

    /// <summary>Finds the job's overlays and its slide, when the user may see the slide and the job has completed.</summary>
    private static async Task<OverlaySource?> FindAsync(
        Guid jobId,
        JobLookup lookup,
        JobOverlayCache overlays,
        SlideService slides,
        HttpContext context)
    {
        var job = await lookup.FindVisibleAsync(jobId, context.User, context.RequestAborted);
        if (job is not { Status: AnalysisJobStatus.Completed } || !slides.TryGet(job.SlideId, out var entry))
        {
            return null;
        }

        var overlay = overlays.Get(job);
        if (overlay is null)
        {
            return null;
        }

        var slide = slides.Open(entry);
        return new OverlaySource(overlay, slide, slides.Renderer.GetLayout(slide));
    }

    private readonly record struct OverlaySource(JobOverlay Overlay, WholeSlideImage Slide, DeepZoomLayout Layout);

    private static bool TryParseRectangle(IQueryCollection query, out Level0Rectangle area, out string error)
    {
        area = default;
        var values = new double[4];
        string[] names = ["x", "y", "width", "height"];
        for (var i = 0; i < names.Length; i++)
        {
            var text = query[names[i]].ToString();
            if (!TryParseNumber(text, out values[i]) || (i >= 2 && values[i] < 0))
            {
                error = i < 2
                    ? $"{names[i]} '{text}' is not a number; give the rectangle's level-0 corner in pixels."
                    : $"{names[i]} '{text}' is not a number of at least 0; give the rectangle's level-0 {names[i]} in pixels.";
                return false;
            }
        }

        area = new Level0Rectangle(values[0], values[1], values[2], values[3]);
        error = "";
        return true;
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static IResult Invalid(string message) => Results.BadRequest(new { message });
}
