using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BladderLnAi.Web.Review;

/// <summary>
/// <c>POST /api/cases/{caseId}/slides/upload</c>: a multipart form with one slide file, streamed section by section
/// to disk without buffering the file in memory.
/// </summary>
public static class SlideUploadEndpoint
{
    public static async Task<IResult> UploadAsync(int caseId, SlideUploadService uploads, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = ReviewActor.From(context);
        var target = await uploads.PrepareAsync(actor, caseId, cancellationToken);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The service enforces the configured limit itself; the server's limit only has to let the file through.
            limit.MaxRequestBodySize = uploads.MaximumBytes + 1024 * 1024;
        }

        var boundary = MultipartBoundary(context.Request.ContentType);
        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition())
            {
                continue;
            }

            var fileName = SlideUploadService.ValidateFileName(target, disposition.FileName.Value ?? disposition.FileNameStar.Value);
            var slide = await uploads.ReceiveAsync(actor, target, fileName, section.Body, cancellationToken);
            return Results.Created($"/api/cases/{caseId}", new CaseSlideView(slide.Id, slide.SlideId, slide.FileName, slide.Source, slide.ImportedJobId));
        }

        throw ReviewException.Invalid("The upload holds no file; send the slide as a multipart form file.");
    }

    private static string MultipartBoundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw ReviewException.Invalid($"Content type '{contentType}' is not multipart/form-data; upload the slide as a form file.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary)
            ? throw ReviewException.Invalid("The multipart form has no boundary.")
            : boundary;
    }
}
