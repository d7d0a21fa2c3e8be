using BladderLnAi.Data.Jobs;

namespace BladderLnAi.Jobs.Messages;

/// <summary>
/// A job event pushed to viewers of a slide. <see cref="Type"/> is one of <c>queued</c>, <c>started</c>,
/// <c>progress</c>, <c>completed</c>, <c>failed</c>, <c>cancelled</c> or <c>interrupted</c>.
/// </summary>
public sealed record AnalysisJobEvent(
    string Type,
    Guid JobId,
    string SlideId,
    string Status,
    string? Stage,
    int FieldsDone,
    int FieldsTotal,
    double? EtaSeconds,
    double? ElapsedSeconds,
    int? FindingCount,
    string? Message)
{
    public static AnalysisJobEvent From(string type, AnalysisJob job, double? etaSeconds = null, double? elapsedSeconds = null) => new(
        type,
        job.Id,
        job.SlideId,
        job.Status.ToString(),
        job.Stage,
        job.FieldsDone,
        job.FieldsTotal,
        etaSeconds,
        elapsedSeconds,
        job.FindingCount,
        job.Error);
}
