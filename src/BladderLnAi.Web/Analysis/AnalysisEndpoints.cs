using System.Security.Claims;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Slides;
using BladderLnAi.Web.Audit;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Analysis routes: request an analysis of a slide, read a job, cancel or retry it, and download its results.
/// A slide or job the user may not see gets 404, like an unknown id.
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
        SlideAccess access,
        AnalysisJobService jobs,
        AuditLog audit,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (!slides.TryGet(id, out var entry) || !await access.CanViewAsync(context.User, entry, cancellationToken))
        {
            return Results.NotFound();
        }

        var siteId = await access.SiteOfAsync(entry, cancellationToken);
        var job = await jobs.EnqueueAsync(entry, siteId, context.User.Identity?.Name, cancellationToken);
        await audit.WriteAsync(context, "analysis.requested", "slide", entry.Id, siteId, $"job {job.Id}");
        return Results.Accepted($"/api/analyses/{job.Id}", AnalysisJobEvent.From("queued", job));
    }

    private static async Task<IResult> GetLatestAsync(
        string id,
        SlideService slides,
        SlideAccess access,
        AnalysisJobService jobs,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!slides.TryGet(id, out var entry) || !await access.CanViewAsync(user, entry, cancellationToken))
        {
            return Results.NotFound();
        }

        var job = await jobs.GetLatestAsync(id, cancellationToken);
        return job is null ? Results.NotFound() : Results.Ok(AnalysisJobEvent.From("current", job));
    }

    private static async Task<IResult> GetJobAsync(Guid jobId, JobLookup lookup, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var job = await lookup.FindVisibleAsync(jobId, user, cancellationToken);
        return job is null ? Results.NotFound() : Results.Ok(AnalysisJobEvent.From("current", job));
    }

    private static async Task<IResult> CancelAsync(
        Guid jobId,
        JobLookup lookup,
        AnalysisJobService jobs,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await lookup.FindVisibleAsync(jobId, user, cancellationToken) is null)
        {
            return Results.NotFound();
        }

        return await jobs.CancelAsync(jobId, cancellationToken)
            ? Results.Accepted()
            : Results.Conflict(new { message = $"Job {jobId} has already finished, so it cannot be cancelled." });
    }

    private static async Task<IResult> RetryAsync(
        Guid jobId,
        JobLookup lookup,
        AnalysisJobService jobs,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await lookup.FindVisibleAsync(jobId, user, cancellationToken) is null)
        {
            return Results.NotFound();
        }

        return await jobs.RetryAsync(jobId, cancellationToken)
            ? Results.Accepted($"/api/analyses/{jobId}")
            : Results.Conflict(new { message = $"Job {jobId} is queued, running or completed; only failed, cancelled or interrupted jobs can be retried." });
    }

    private static async Task<IResult> GetFileAsync(
        Guid jobId,
        string path,
        JobLookup lookup,
        AnalysisResultStore results,
        AuditLog audit,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var job = await lookup.FindVisibleAsync(jobId, context.User, cancellationToken);
        var file = job is null ? null : results.ResolveFile(job, path);
        if (file is null)
        {
            return Results.NotFound();
        }

        if (path == ArtifactFiles.FindingsGeoJson)
        {
            await audit.WriteAsync(context, "findings.exported", "analysis", jobId.ToString(), job!.SiteId, "GeoJSON");
        }

        return Results.File(file, AnalysisResultStore.ContentType(path), enableRangeProcessing: false);
    }
}

/// <summary>Finds a job only when the user may see its slide.</summary>
public sealed class JobLookup(AnalysisJobService jobs, SlideService slides, SlideAccess access)
{
    public async Task<AnalysisJob?> FindVisibleAsync(Guid jobId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        return job is not null && slides.TryGet(job.SlideId, out var entry) && await access.CanViewAsync(user, entry, cancellationToken)
            ? job
            : null;
    }
}
