using BladderLnAi.Slides;
using Microsoft.AspNetCore.Diagnostics;

namespace BladderLnAi.Web.Slides;

/// <summary>
/// Returns 422 with a message naming the file when a slide cannot be read, instead of a bare 500.
/// </summary>
public sealed partial class SlideExceptionHandler(
    IProblemDetailsService problems,
    SlideService slides,
    ILogger<SlideExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SlideException slideException)
        {
            return false;
        }

        var slideId = slides.Catalog.List().FirstOrDefault(entry => entry.FullPath == slideException.FilePath)?.Id;
        Log.SlideUnreadable(logger, slideException, slideId, Path.GetFileName(slideException.FilePath), context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The slide could not be read.",
                Detail = slideException.Message,
            },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Slide {SlideId} (file {SlideFile}) could not be read for {RequestPath}")]
        public static partial void SlideUnreadable(ILogger logger, Exception exception, string? slideId, string slideFile, string requestPath);
    }
}
