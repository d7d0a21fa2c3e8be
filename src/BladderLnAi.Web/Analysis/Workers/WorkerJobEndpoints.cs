using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Jobs.WorkerApi;
using BladderLnAi.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Analysis.Workers;

/// <summary>
/// Routes through which analysis workers record the jobs they were given: take the job, store its progress, and
/// record its completion. A caller needs an access token of a client with the AnalysisWorker role and the ticket of
/// the job's latest request. A job with another ticket returns 404, like an unknown id. A job that was cancelled
/// or has finished returns 409, which tells the worker to stop.
/// </summary>
/// <remarks>
/// Workers read slides and write result folders on the shared storage themselves, but never touch the database:
/// every change to a job row goes through these routes, so a worker's credentials reach only the jobs it was given.
/// </remarks>
public static partial class WorkerJobEndpoints
{
    public static IEndpointRouteBuilder MapWorkerJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup(WorkerApiRoutes.Jobs).RequireAuthorization(Policies.AnalysisWorker);
        jobs.MapPost("/{jobId:guid}/start", StartAsync);
        jobs.MapPost("/{jobId:guid}/progress", ProgressAsync);
        jobs.MapPost("/{jobId:guid}/complete", CompleteAsync);
        return app;
    }

    private static async Task<IResult> StartAsync(
        Guid jobId,
        JobStartRequest request,
        HttpContext context,
        IDbContextFactory<BladderLnAiDbContext> databases,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var job = await FindTicketedAsync(database, jobId, context, cancellationToken);
        if (job is null)
        {
            return Results.NotFound();
        }

        // A running job is taken over: its previous worker stopped without acknowledging the request.
        if (job.Status is not (AnalysisJobStatus.Queued or AnalysisJobStatus.Running))
        {
            return Conflict(job);
        }

        var previousWorker = job.Status == AnalysisJobStatus.Running ? job.Worker : null;
        job.Status = AnalysisJobStatus.Running;
        job.StartedUtc = DateTime.UtcNow;
        job.Attempts++;
        job.Worker = request.Worker.Length > 200 ? request.Worker[..200] : request.Worker;
        job.Stage = null;
        job.FieldsDone = 0;
        job.Error = null;
        job.Version = Guid.NewGuid();
        await database.SaveChangesAsync(cancellationToken);
        var logger = loggers.CreateLogger(typeof(WorkerJobEndpoints));
        Log.Taken(logger, job.Id, job.SlideId, job.Worker, ClientId(context.User), job.Attempts, previousWorker);
        return Results.Ok(AnalysisJobEvent.From("started", job));
    }

    private static async Task<IResult> ProgressAsync(
        Guid jobId,
        JobProgressRequest request,
        HttpContext context,
        IDbContextFactory<BladderLnAiDbContext> databases,
        CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var (job, refusal) = await FindRunningAsync(database, jobId, context, cancellationToken);
        if (job is null)
        {
            return refusal!;
        }

        await database.AnalysisJobs
            .Where(j => j.Id == jobId && j.Status == AnalysisJobStatus.Running)
            .ExecuteUpdateAsync(
                update => update
                    .SetProperty(j => j.Stage, request.Stage.Length > 40 ? request.Stage[..40] : request.Stage)
                    .SetProperty(j => j.FieldsDone, request.FieldsDone)
                    .SetProperty(j => j.FieldsTotal, request.FieldsTotal),
                cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> CompleteAsync(
        Guid jobId,
        JobCompletionRequest request,
        HttpContext context,
        IDbContextFactory<BladderLnAiDbContext> databases,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (request.ResultFolder != Jobs.Running.ResultFolders.NameOf(jobId))
        {
            return Results.BadRequest(new
            {
                message = $"Result folder '{request.ResultFolder}' is not the folder of job {jobId}; "
                    + $"expected '{Jobs.Running.ResultFolders.NameOf(jobId)}'.",
            });
        }

        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var (job, refusal) = await FindRunningAsync(database, jobId, context, cancellationToken);
        if (job is null)
        {
            return refusal!;
        }

        job.Status = AnalysisJobStatus.Completed;
        job.ResultFolder = request.ResultFolder;
        job.FindingCount = request.FindingCount;
        job.ModelName = request.ModelName;
        job.ModelVersion = request.ModelVersion;
        job.ModelSha256 = request.ModelSha256;
        job.ExecutionProvider = request.ExecutionProvider;
        job.Stage = null;
        job.FinishedUtc = DateTime.UtcNow;
        job.Version = Guid.NewGuid();
        await database.SaveChangesAsync(cancellationToken);
        Log.Completed(loggers.CreateLogger(typeof(WorkerJobEndpoints)), job.Id, job.SlideId, job.Worker, request.FindingCount);
        return Results.Ok(AnalysisJobEvent.From("completed", job));
    }

    /// <summary>Returns the running job with this ticket, or else the 404 or 409 to return.</summary>
    private static async Task<(AnalysisJob? Job, IResult? Refusal)> FindRunningAsync(
        BladderLnAiDbContext database,
        Guid jobId,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var job = await FindTicketedAsync(database, jobId, context, cancellationToken);
        if (job is null)
        {
            return (null, Results.NotFound());
        }

        return job.Status == AnalysisJobStatus.Running ? (job, null) : (null, Conflict(job));
    }

    private static async Task<AnalysisJob?> FindTicketedAsync(
        BladderLnAiDbContext database,
        Guid jobId,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var job = await database.AnalysisJobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        var ticket = context.Request.Headers[WorkerApiRoutes.TicketHeader].ToString();
        return job is not null && JobTickets.Matches(ticket, job.TicketHash) ? job : null;
    }

    private static IResult Conflict(AnalysisJob job) => Results.Conflict(new
    {
        message = $"Job {job.Id} is {job.Status.ToString().ToLowerInvariant()}, so a worker may not change it; "
            + "the worker stops and acknowledges the request.",
        status = job.Status.ToString(),
    });

    private static string ClientId(ClaimsPrincipal user) => user.Identity?.Name ?? "(unknown client)";

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information,
            Message = "Worker {Worker} (client {ClientId}) took analysis job {JobId} of slide {SlideId}, attempt {Attempt}; previous worker {PreviousWorker}")]
        public static partial void Taken(
            ILogger logger, Guid jobId, string slideId, string? worker, string clientId, int attempt, string? previousWorker);

        [LoggerMessage(EventId = 701, Level = LogLevel.Information,
            Message = "Worker {Worker} completed analysis job {JobId} of slide {SlideId} with {FindingCount} findings")]
        public static partial void Completed(ILogger logger, Guid jobId, string slideId, string? worker, int findingCount);
    }
}
