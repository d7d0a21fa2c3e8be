using System.Text;
using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Audit;

namespace BladderLnAi.Web.Review;

/// <summary>GeoJSON and CSV exports of case findings, and the import of QuPath GeoJSON annotations.</summary>
public static class CaseExportEndpoints
{
    /// <summary>Largest GeoJSON file accepted by the import: 20 MB.</summary>
    public const long MaximumGeoJsonBytes = 20L * 1024 * 1024;

    public static async Task<IResult> ExportGeoJsonAsync(
        int caseId,
        int caseSlideId,
        CaseService cases,
        AuditLog audit,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var reviewCase = await cases.GetAsync(context.User, caseId, cancellationToken);
        var slide = reviewCase.Slides.FirstOrDefault(s => s.Id == caseSlideId);
        if (slide is null)
        {
            return Results.NotFound(new { message = $"Slide {caseSlideId} was not found in case {reviewCase.AccessionNumber}." });
        }

        var json = CaseGeoJson.Write(reviewCase.Findings.Where(f => f.CaseSlideId == caseSlideId).OrderBy(f => f.Id));
        await audit.WriteAsync(context, "case.findings-exported", CaseAudit.CaseObject, caseId.ToString(), reviewCase.SiteId, $"GeoJSON of {slide.FileName}");
        var fileName = $"{reviewCase.AccessionNumber}-{slide.SlideId}.geojson";
        return Results.File(Encoding.UTF8.GetBytes(json), "application/geo+json", SafeFileName(fileName));
    }

    public static async Task<IResult> ExportCsvAsync(int caseId, CaseService cases, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var reviewCase = await cases.GetAsync(context.User, caseId, cancellationToken);
        await audit.WriteAsync(context, "case.findings-exported", CaseAudit.CaseObject, caseId.ToString(), reviewCase.SiteId, "CSV");
        return Results.File(Encoding.UTF8.GetBytes(CaseCsv.Write(reviewCase)), "text/csv; charset=utf-8", SafeFileName($"{reviewCase.AccessionNumber}-findings.csv"));
    }

    /// <summary>Imports the annotations of a QuPath GeoJSON file (request body or a multipart file) as reviewer findings.</summary>
    public static async Task<IResult> ImportGeoJsonAsync(
        int caseId,
        int caseSlideId,
        FindingReviewService findings,
        CaseService cases,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (!await cases.CanViewAsync(context.User, caseId, cancellationToken))
        {
            return Results.NotFound(new { message = $"Case {caseId} was not found." });
        }

        var request = context.Request;
        if (request.ContentLength > MaximumGeoJsonBytes)
        {
            return Results.Json(new { message = $"The GeoJSON file is larger than {MaximumGeoJsonBytes / 1024 / 1024} MB." }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var json = await ReadBodyAsync(request, cancellationToken);
        var import = CaseGeoJson.Read(json);
        if (import.Findings.Count == 0)
        {
            return Results.BadRequest(new { message = $"The file contains no polygon annotations ({import.SkippedFeatures} other features were skipped)." });
        }

        var added = await findings.AddFindingsAsync(ReviewActor.From(context), caseId, caseSlideId, FindingOrigin.Imported, import.Findings, cancellationToken);
        return Results.Ok(new { imported = added.Count, skipped = import.SkippedFeatures, findings = added.Select(FindingView.From).ToList() });
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Stream body = request.Body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.FirstOrDefault() ?? throw ReviewException.Invalid("The form has no file; choose a GeoJSON file exported from QuPath.");
            body = file.OpenReadStream();
        }

        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = new StringBuilder();
        var chunk = new char[81920];
        int read;
        while ((read = await reader.ReadAsync(chunk, cancellationToken)) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > MaximumGeoJsonBytes)
            {
                throw ReviewException.TooLarge($"The GeoJSON file is larger than {MaximumGeoJsonBytes / 1024 / 1024} MB; split it into smaller files.");
            }
        }

        return text.ToString();
    }

    private static string SafeFileName(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
