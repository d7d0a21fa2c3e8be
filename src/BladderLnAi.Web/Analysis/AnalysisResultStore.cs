using System.Text.RegularExpressions;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Web.Configuration;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Reads the stored results of completed jobs. Only file names of the analysis output format are served, so a
/// request can never reach another file.
/// </summary>
public sealed partial class AnalysisResultStore(AppPaths paths)
{
    /// <summary>Returns the results of a completed job, or null when the job has none or its folder is gone.</summary>
    public AnalysisResults? Load(AnalysisJob job)
    {
        var directory = Directory(job);
        if (directory is null || !File.Exists(Path.Combine(directory, ArtifactFiles.Summary)))
        {
            return null;
        }

        return new AnalysisResults(
            job,
            ArtifactJson.Read<SummaryDocument>(Path.Combine(directory, ArtifactFiles.Summary)),
            ArtifactJson.Read<List<FindingDocument>>(Path.Combine(directory, ArtifactFiles.Findings)),
            ArtifactJson.Read<List<FieldDocument>>(Path.Combine(directory, ArtifactFiles.Fields)));
    }

    public GridDocument? LoadGrid(AnalysisJob job, FieldDocument field)
    {
        var path = field.Grid is null ? null : ResolveFile(job, field.Grid);
        return path is null ? null : ArtifactJson.Read<GridDocument>(path);
    }

    /// <summary>Returns the full path of an output file of the job, or null for any other name or a missing file.</summary>
    public string? ResolveFile(AnalysisJob job, string relativePath)
    {
        var directory = Directory(job);
        if (directory is null || !ArtifactName().IsMatch(relativePath))
        {
            return null;
        }

        var path = Path.Combine(directory, relativePath);
        return File.Exists(path) ? path : null;
    }

    public static string ContentType(string relativePath) => Path.GetExtension(relativePath) switch
    {
        ".png" => "image/png",
        ".geojson" => "application/geo+json",
        _ => "application/json",
    };

    private string? Directory(AnalysisJob job) =>
        job is { Status: AnalysisJobStatus.Completed, ResultFolder: { } folder }
            ? Path.Combine(paths.AnalysesDirectory, folder)
            : null;

    [GeneratedRegex(@"^(summary\.json|findings\.json|findings\.geojson|fields\.json|heatmap\.png|heatmap-overlay\.png|composites/field-\d{4}(\.png|-heatmap\.png|\.grid\.json))$")]
    private static partial Regex ArtifactName();
}

/// <summary>The stored results of one completed job.</summary>
public sealed record AnalysisResults(
    AnalysisJob Job,
    SummaryDocument Summary,
    IReadOnlyList<FindingDocument> Findings,
    IReadOnlyList<FieldDocument> Fields);
