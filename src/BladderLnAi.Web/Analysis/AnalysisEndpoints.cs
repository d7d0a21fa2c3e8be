using BladderLnAi.Web.Slides;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Analysis routes: request an analysis of a slide, read a job, cancel or retry it, and download its results.
/// </summary>
public static class AnalysisEndpoints
{
    public static IEndpointRouteBuilder MapAnalysisEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/slides/{id}/analyses", RequestAnalysisAsync);
        app.MapGet("/api/slides/{id}/analyses/latest", GetLatestAsync);
        var jobs = app.MapGroup("/api/analyses");
        jobs.MapGet("/{jobId:guid}", GetJobAsync);
        jobs.MapPost("/{jobId:guid}/cancel", CancelAsync);
        jobs.MapPost("/{jobId:guid}/retry", RetryAsync);
        jobs.MapGet("/{jobId:guid}/files/{**path}", GetFileAsync);
        app.MapHub<AnalysisHub>(AnalysisHub.Path);
        return app;
    }

    private static async Task<IResult> RequestAnalysisAsync(
        string id,
        SlideService slides,
        AnalysisJobService jobs,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (!slides.TryGet(id, out var entry))
        {
            return Results.NotFound();
        }

        var job = await jobs.EnqueueAsync(entry, context.User.Identity?.Name, cancellationToken);
        return Results.Accepted($"/api/analyses/{job.Id}", AnalysisJobEvent.From("queued", job));
    }

    private static async Task<IResult> GetLatestAsync(string id, SlideService slides, AnalysisJobService jobs, CancellationToken cancellationToken)
    {
        if (!slides.TryGet(id, out _))
        {
            return Results.NotFound();
        }

        var job = await jobs.GetLatestAsync(id, cancellationToken);
        return job is null ? Results.NotFound() : Results.Ok(AnalysisJobEvent.From("current", job));
    }

    private static async Task<IResult> GetJobAsync(Guid jobId, AnalysisJobService jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        return job is null ? Results.NotFound() : Results.Ok(AnalysisJobEvent.From("current", job));
    }

    private static async Task<IResult> CancelAsync(Guid jobId, AnalysisJobService jobs, CancellationToken cancellationToken) =>
        await jobs.CancelAsync(jobId, cancellationToken)
            ? Results.Accepted()
            : Results.Conflict(new { message = $"Job {jobId} was not found or has already finished." });

    private static async Task<IResult> RetryAsync(Guid jobId, AnalysisJobService jobs, CancellationToken cancellationToken) =>
        await jobs.RetryAsync(jobId, cancellationToken)
            ? Results.Accepted($"/api/analyses/{jobId}")
            : Results.Conflict(new { message = $"Job {jobId} was not found, or is queued, running or completed; only failed, cancelled or interrupted jobs can be retried." });

    private static async Task<IResult> GetFileAsync(
        Guid jobId,
        string path,
        AnalysisJobService jobs,
        AnalysisResultStore results,
        CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        var file = job is null ? null : results.ResolveFile(job, path);
        return file is null
            ? Results.NotFound()
            : Results.File(file, AnalysisResultStore.ContentType(path), enableRangeProcessing: false);
    }
}
