using System.Text;
using BladderLnAi.Web.Audit;

namespace BladderLnAi.Web.Review.Reports;

/// <summary>The report of a signed-out case as HTML and PDF.</summary>
public static class CaseReportEndpoints
{
    public static async Task<IResult> HtmlAsync(int caseId, CaseReportBuilder reports, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var report = await reports.BuildAsync(context.User, caseId, cancellationToken);
        await audit.WriteAsync(context, "case.report-viewed", CaseAudit.CaseObject, caseId.ToString(), report.Case.SiteId, "HTML");
        return Results.Content(CaseReportHtml.Write(report), "text/html; charset=utf-8", Encoding.UTF8);
    }

    public static async Task<IResult> PdfAsync(int caseId, CaseReportBuilder reports, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var report = await reports.BuildAsync(context.User, caseId, cancellationToken);
        await audit.WriteAsync(context, "case.report-viewed", CaseAudit.CaseObject, caseId.ToString(), report.Case.SiteId, "PDF");
        return Results.File(CaseReportPdf.Write(report), "application/pdf", $"case-{caseId}-report.pdf");
    }
}
