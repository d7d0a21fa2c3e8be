using System.Diagnostics;
using System.Globalization;
using BladderLnAi.Analysis.Reading;
using System.Security.Claims;
using BladderLnAi.Slides;
using BladderLnAi.Web.Observability;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Teaching;
using Microsoft.Net.Http.Headers;
using SixLabors.ImageSharp;

namespace BladderLnAi.Web.Slides;

/// <summary>
/// Deep Zoom and slide metadata routes: <c>/dzi/{id}.dzi</c>, <c>/dzi/{id}_files/{level}/{column}_{row}.jpeg</c>,
/// <c>/api/slides</c>, <c>/api/slides/{id}</c> and <c>/api/slides/{id}/associated/{name}.jpeg</c>.
/// A slide the user may not see gets 404, like an unknown id.
/// </summary>
public static partial class SlideEndpoints
{
    public static IEndpointRouteBuilder MapSlideEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dzi/{descriptor}", GetDescriptor);
        app.MapGet("/dzi/{folder}/{level}/{tile}", GetTile);
        var api = app.MapGroup("/api/slides");
        api.MapGet("/", ListSlides);
        api.MapGet("/{id}", GetSlide);
        api.MapGet("/{id}/associated/{image}", GetAssociatedImage);
        return app;
    }

    private static async Task<IResult> ListSlides(SlideService slides, SlideAccess access, ClaimsPrincipal user)
    {
        var visible = new List<object>();
        foreach (var entry in slides.Catalog.List())
        {
            if (await access.CanViewAsync(user, entry))
            {
                visible.Add(new { entry.Id, entry.FileName, entry.SizeBytes });
            }
        }

        return Results.Ok(visible);
    }

    private static async Task<IResult> GetSlide(string id, SlideService slides, SlideAccess access, ClaimsPrincipal user)
    {
        if (!slides.TryGet(id, out var entry) || !await access.CanViewAsync(user, entry))
        {
            return Results.NotFound();
        }

        var slide = slides.Open(entry);
        return Results.Ok(SlideInfo.From(entry, slide));
    }

    private static async Task<IResult> GetDescriptor(string descriptor, SlideService slides, SlideAccess access, ClaimsPrincipal user)
    {
        if (!descriptor.EndsWith(".dzi", StringComparison.Ordinal)
            || !slides.TryGet(descriptor[..^4], out var entry)
            || !await access.CanViewAsync(user, entry))
        {
            return Results.NotFound();
        }

        var layout = slides.Renderer.GetLayout(slides.Open(entry));
        return Results.Text(DziDescriptor.ToXml(layout), "application/xml");
    }

    private static async Task<IResult> GetTile(
        string folder,
        string level,
        string tile,
        HttpContext context,
        SlideService slides,
        SlideAccess access,
        BladderLnAiMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        if (!TryParseTile(folder, level, tile, out var id, out var z, out var column, out var row)
            || !slides.TryGet(id, out var entry)
            || !await access.CanViewAsync(context.User, entry))
        {
            return Results.NotFound();
        }

        return RenderTile(entry, z, column, row, context, slides, metrics, started);
    }

    /// <summary>Returns the JPEG of one Deep Zoom tile of a slide the caller may see, or 404 outside the pyramid.</summary>
    /// <param name="started">Timestamp at which the request began, so that the recorded latency includes the checks.</param>
    internal static IResult RenderTile(
        SlideEntry entry, int z, int column, int row, HttpContext context, SlideService slides, BladderLnAiMetrics metrics, long started)
    {
        var quality = slides.Options.JpegQuality;
        var etag = $"\"{SlideService.FileVersion(entry)}-{z}-{column}-{row}-{slides.Options.TileSize}-{quality}\"";
        SetCacheHeaders(context, etag, slides.Options.TileMaxAgeSeconds);
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            metrics.RecordTile("not_modified", Stopwatch.GetElapsedTime(started));
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // Only tiles inside the pyramid are ever cached, so a cached tile needs neither the slide nor its layout.
        var key = $"{entry.Id}/{etag}";
        if (slides.Tiles.TryGet(key, out var jpeg))
        {
            metrics.RecordTile("hit", Stopwatch.GetElapsedTime(started));
            return Results.Bytes(jpeg, "image/jpeg");
        }

        var slide = slides.Open(entry);
        if (!slides.Renderer.GetLayout(slide).TryGetTile(z, column, row, out _))
        {
            return Results.NotFound();
        }

        jpeg = slides.Renderer.RenderJpeg(slide, z, column, row);
        slides.Tiles.Add(key, jpeg);
        metrics.RecordTile("miss", Stopwatch.GetElapsedTime(started));
        return Results.Bytes(jpeg, "image/jpeg");
    }

    private static async Task<IResult> GetAssociatedImage(
        string id,
        string image,
        HttpContext context,
        SlideService slides,
        SlideAccess access)
    {
        if (!image.EndsWith(".jpeg", StringComparison.Ordinal)
            || !slides.TryGet(id, out var entry)
            || !await access.CanViewAsync(context.User, entry))
        {
            return Results.NotFound();
        }

        var slide = slides.Open(entry);
        var name = image[..^5];
        if (!slide.AssociatedImageNames.Contains(name) || TeachingBlinds.HidesAssociatedImage(context.User, name))
        {
            return Results.NotFound();
        }

        using var sharp = slide.ReadAssociatedImage(name).ToImageSharp();
        using var stream = new MemoryStream();
        sharp.SaveAsJpeg(stream);
        SetCacheHeaders(context, $"\"{SlideService.FileVersion(entry)}-{name}\"", slides.Options.TileMaxAgeSeconds);
        return Results.Bytes(stream.ToArray(), "image/jpeg");
    }

    /// <summary>Parses <c>{id}_files</c>, <c>{level}</c> and <c>{column}_{row}.jpeg</c>; anything else is not a tile.</summary>
    public static bool TryParseTile(
        string folder,
        string level,
        string tile,
        out string id,
        out int z,
        out int column,
        out int row)
    {
        id = "";
        z = column = row = -1;
        if (!folder.EndsWith("_files", StringComparison.Ordinal))
        {
            return false;
        }

        id = folder[..^6];
        return TryParseTileName(level, tile, ".jpeg", out z, out column, out row);
    }

    /// <summary>Parses <c>{level}</c> and <c>{column}_{row}{extension}</c> of a Deep Zoom tile path.</summary>
    internal static bool TryParseTileName(string level, string tile, string extension, out int z, out int column, out int row)
    {
        z = column = row = -1;
        if (!tile.EndsWith(extension, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = tile[..^extension.Length].Split('_');
        return parts.Length == 2
            && int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out z)
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out column)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out row);
    }

    /// <summary>Sets the entity tag and a private max-age on a response that carries slide pixels or overlays.</summary>
    internal static void SetCacheHeaders(HttpContext context, string etag, int maxAgeSeconds)
    {
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(etag);

        // Slides and their overlays are patient data, so shared caches must not keep them.
        headers.CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromSeconds(maxAgeSeconds) };
    }
}
