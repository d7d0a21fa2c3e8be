using System.Globalization;
using System.Net;
using System.Text;
using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Web.Review.Reports;

/// <summary>Writes the report of a signed-out case as one self-contained HTML page (thumbnails inlined as PNG data).</summary>
public static class CaseReportHtml
{
    public static string Write(CaseReport report)
    {
        var c = report.Case;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>Lymph node report {E(c.AccessionNumber)}</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #999;padding:.3em .6em;text-align:left}figure{display:inline-block;margin:.5em}")
            .Append(".note{color:#555}</style></head><body>");
        html.Append($"<h1>Lymph node dissection, case {E(c.AccessionNumber)}</h1>");
        html.Append("<p><strong>Research use only.</strong> Findings were suggested by a model and ruled on by pathologists.</p>");
        html.Append($"<p>Signed out {Time(c.SignedOutUtc)} by {E(c.SignedOutByName)}, revision {c.Revision}.</p>");
        if (c.Revision > 1 && c.AmendmentReason is not null)
        {
            html.Append($"<p>Amended: {E(c.AmendmentReason)}</p>");
        }

        AppendSummary(html, report);
        AppendThumbnails(html, report);
        AppendModels(html, report);
        AppendReviewers(html, report);
        html.Append($"<p class=\"note\">Report created {Time(report.CreatedUtc)}.</p></body></html>");
        return html.ToString();
    }

    /// <summary>Returns the signed-out pN line, with the suggestion and the override reason when they differ.</summary>
    public static string PnLine(CaseReport report) =>
        report.Case.PnCategory == report.Case.SuggestedPnCategory
            ? $"{report.Case.PnCategory} (as suggested from the confirmed findings)"
            : $"{report.Case.PnCategory} (suggested {report.Case.SuggestedPnCategory}; overridden: {report.Case.PnOverrideReason})";

    /// <summary>Returns a node's status as the report and the case page show it.</summary>
    public static string Status(NodeSummary node)
    {
        if (node.IsPositive)
        {
            return "positive";
        }

        return node.HasIsolatedTumourCellsOnly ? "negative (isolated tumour cells only)" : "negative";
    }

    public static string Deposit(NodeSummary node) => node.LargestDeposit is { } deposit
        ? $"{(deposit.GreatestDimensionMicrons is { } um ? $"{(um / 1000).ToString("0.00", CultureInfo.InvariantCulture)} mm" : "size unknown")}, "
          + CaseGeoJson.ParseSizeClass(deposit.SizeClass).DisplayName()
        : "none";

    private static void AppendSummary(StringBuilder html, CaseReport report)
    {
        var summary = report.Summary;
        html.Append("<h2>Summary</h2>")
            .Append($"<p>Lymph nodes examined: {summary.NodesExamined}. Positive: {summary.NodesPositive}. ")
            .Append($"pN: <strong>{E(PnLine(report))}</strong> (AJCC 8th edition, bladder).</p>");
        html.Append("<table><tr><th>Node</th><th>Station</th><th>Status</th><th>Largest deposit</th><th>Deposits</th></tr>");
        foreach (var node in summary.Nodes)
        {
            html.Append($"<tr><td>{E(node.Label)}</td><td>{E(node.Station.DisplayName())}</td><td>{Status(node)}</td>")
                .Append($"<td>{E(Deposit(node))}</td><td>{node.DepositCount}</td></tr>");
        }

        html.Append("</table>");
        foreach (var note in summary.Notes)
        {
            html.Append($"<p class=\"note\">{E(note)}</p>");
        }
    }

    private static void AppendThumbnails(StringBuilder html, CaseReport report)
    {
        if (report.Thumbnails.Count == 0)
        {
            return;
        }

        html.Append("<h2>Positive nodes</h2>");
        foreach (var image in report.Thumbnails)
        {
            html.Append($"<figure><img alt=\"Node {E(image.NodeLabel)}\" width=\"{NodeThumbnail.Size}\" height=\"{NodeThumbnail.Size}\" ")
                .Append($"src=\"data:image/png;base64,{Convert.ToBase64String(image.Png)}\">")
                .Append($"<figcaption>{E(image.NodeLabel)}, {E(image.SlideFileName)}</figcaption></figure>");
        }
    }

    /// <summary>Said in place of the model list when no analysis of the case's slides was imported.</summary>
    public const string NoModelUsed = "No AI analysis was imported: every finding was drawn or imported by a reviewer.";

    private static void AppendModels(StringBuilder html, CaseReport report)
    {
        if (report.Models.Count == 0)
        {
            html.Append($"<h2>Model</h2><p>{E(NoModelUsed)}</p>");
            return;
        }

        html.Append("<h2>Model</h2><table><tr><th>Slide</th><th>Model</th><th>Version</th><th>Analysis</th></tr>");
        foreach (var model in report.Models)
        {
            html.Append($"<tr><td>{E(model.SlideFileName)}</td><td>{E(model.ModelName)}</td><td>{E(model.ModelVersion)}</td><td>{model.JobId}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendReviewers(StringBuilder html, CaseReport report)
    {
        html.Append("<h2>Reviewers</h2><table><tr><th>Name</th><th>Action</th><th>Count</th><th>Last</th></tr>");
        foreach (var reviewer in report.Reviewers)
        {
            html.Append($"<tr><td>{E(reviewer.Name)}</td><td>{E(reviewer.Role)}</td><td>{reviewer.Count}</td><td>{Time(reviewer.LastUtc)}</td></tr>");
        }

        html.Append("</table>");
    }

    public static string Time(DateTime? utc) =>
        utc is { } value ? value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
