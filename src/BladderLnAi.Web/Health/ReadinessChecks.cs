using BladderLnAi.Data;
using BladderLnAi.Jobs.Running;
using BladderLnAi.Slides;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BladderLnAi.Web.Health;

/// <summary>Readiness: a query on the jobs table succeeds.</summary>
public sealed partial class DatabaseHealthCheck(
    IDbContextFactory<BladderLnAiDbContext> databases,
    ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var database = await databases.CreateDbContextAsync(cancellationToken);
            await database.AnalysisJobs.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The {database.Database.ProviderName} database answers.");
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
        {
            HealthLog.CheckFailed(logger, exception, "database");
            return HealthCheckResult.Unhealthy("The database did not answer a query; check the connection string and the database server.");
        }
    }
}

/// <summary>Readiness: the OpenSlide library loads and reads the bundled sample slide.</summary>
public sealed class OpenSlideHealthCheck(SlideOptions options, AppPaths paths, ILogger<OpenSlideHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(Check, cancellationToken);

    private HealthCheckResult Check()
    {
        try
        {
            var version = WholeSlideImage.OpenSlideVersion;
            if (options.BundledSample is null)
            {
                return HealthCheckResult.Healthy($"OpenSlide {version} loaded; no bundled sample is configured to open.");
            }

            using var sample = WholeSlideImage.Open(paths.Resolve(options.BundledSample));
            sample.ReadRegion(0, 0, sample.Levels.Count - 1, 16, 16);
            return HealthCheckResult.Healthy($"OpenSlide {version} read the bundled sample slide.");
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or SlideException)
        {
            HealthLog.CheckFailed(logger, exception, "openslide");
            return HealthCheckResult.Unhealthy(exception is SlideException
                ? "OpenSlide could not read the bundled sample slide; check Slides:BundledSample and the file."
                : "The OpenSlide library (libopenslide.so.0) could not be loaded; install libopenslide0.");
        }
    }
}

/// <summary>Readiness: the model manifest loads and an ONNX Runtime session is created (once, then kept).</summary>
public sealed class ModelHealthCheck(SegmentationModelProvider models, ILogger<ModelHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(Check, cancellationToken);

    private HealthCheckResult Check()
    {
        try
        {
            var model = models.Get();
            return HealthCheckResult.Healthy(
                $"Model {model.Manifest.Name} {model.Manifest.Version} is loaded on {model.ExecutionProvider}.");
        }
        catch (Inference.ModelLoadException exception)
        {
            HealthLog.CheckFailed(logger, exception, "model");
            return HealthCheckResult.Unhealthy("The segmentation model could not be loaded; check Analysis:ModelDirectory and its manifest.");
        }
    }
}

internal static partial class HealthLog
{
    [LoggerMessage(EventId = 950, Level = LogLevel.Warning, Message = "Readiness check {HealthCheck} failed; /health/ready answers 503 until it passes")]
    public static partial void CheckFailed(ILogger logger, Exception exception, string healthCheck);
}
