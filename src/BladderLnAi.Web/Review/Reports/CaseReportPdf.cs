using BladderLnAi.Analysis.Findings;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BladderLnAi.Web.Review.Reports;

/// <summary>Writes the report of a signed-out case as an A4 PDF with PDFsharp, with the same content as the HTML report.</summary>
public sealed class CaseReportPdf
{
    private const double MarginPoints = 50;
    private const double LineHeight = 14;

    private readonly PdfDocument _document = new();
    private readonly XFont _body = new(ReportFonts.Family, 9.5, XFontStyleEx.Regular);
    private readonly XFont _bold = new(ReportFonts.Family, 9.5, XFontStyleEx.Bold);
    private readonly XFont _heading = new(ReportFonts.Family, 13, XFontStyleEx.Bold);
    private XGraphics _graphics = null!;
    private PdfPage _page = null!;
    private double _y;

    private CaseReportPdf()
    {
    }

    public static byte[] Write(CaseReport report)
    {
        ReportFonts.Install();
        var pdf = new CaseReportPdf();
        pdf._document.Info.Title = $"Lymph node report {report.Case.AccessionNumber}";
        pdf.NewPage();
        pdf.WriteContent(report);
        pdf._graphics.Dispose();
        using var output = new MemoryStream();
        pdf._document.Save(output);
        return output.ToArray();
    }

    private void WriteContent(CaseReport report)
    {
        var c = report.Case;
        Line($"Lymph node dissection, case {c.AccessionNumber}", _heading);
        Line("Research use only. Findings were suggested by a model and ruled on by pathologists.");
        Line($"Signed out {CaseReportHtml.Time(c.SignedOutUtc)} by {c.SignedOutByName}, revision {c.Revision}.");
        if (c.Revision > 1 && c.AmendmentReason is not null)
        {
            Line($"Amended: {c.AmendmentReason}");
        }

        Gap();
        Line("Summary", _heading);
        Line($"Lymph nodes examined: {report.Summary.NodesExamined}. Positive: {report.Summary.NodesPositive}.");
        Line($"pN: {CaseReportHtml.PnLine(report)} (AJCC 8th edition, bladder).", _bold);
        foreach (var node in report.Summary.Nodes)
        {
            Line($"  {node.Label}, {node.Station.DisplayName()}: {CaseReportHtml.Status(node)}; largest deposit {CaseReportHtml.Deposit(node)}; {node.DepositCount} deposit(s)");
        }

        foreach (var note in report.Summary.Notes)
        {
            Line(note);
        }

        WriteThumbnails(report);
        Gap();
        Line("Model", _heading);
        if (report.Models.Count == 0)
        {
            Line(CaseReportHtml.NoModelUsed);
        }

        foreach (var model in report.Models)
        {
            Line($"{model.SlideFileName}: {model.ModelName} {model.ModelVersion} (analysis {model.JobId})");
        }

        Gap();
        Line("Reviewers", _heading);
        foreach (var reviewer in report.Reviewers)
        {
            Line($"{reviewer.Name}: {reviewer.Role} ({reviewer.Count}), last {CaseReportHtml.Time(reviewer.LastUtc)}");
        }

        Gap();
        Line($"Report created {CaseReportHtml.Time(report.CreatedUtc)}.");
    }

    private void WriteThumbnails(CaseReport report)
    {
        if (report.Thumbnails.Count == 0)
        {
            return;
        }

        Gap();
        Line("Positive nodes", _heading);
        const double side = 160;
        var x = MarginPoints;
        foreach (var thumbnail in report.Thumbnails)
        {
            if (x + side > _page.Width.Point - MarginPoints)
            {
                x = MarginPoints;
                _y += side + 2 * LineHeight;
            }

            EnsureRoom(side + 2 * LineHeight);
            using var stream = new MemoryStream(thumbnail.Png);
            using var image = XImage.FromStream(stream);
            _graphics.DrawImage(image, x, _y, side, side);
            _graphics.DrawString($"{thumbnail.NodeLabel}, {thumbnail.SlideFileName}", _body, XBrushes.Black,
                new XRect(x, _y + side + 2, side, LineHeight), XStringFormats.TopLeft);
            x += side + 10;
        }

        _y += side + 2 * LineHeight;
    }

    private void Line(string text, XFont? font = null)
    {
        EnsureRoom(LineHeight);
        var width = _page.Width.Point - 2 * MarginPoints;
        _graphics.DrawString(Fit(text, font ?? _body, width), font ?? _body, XBrushes.Black,
            new XRect(MarginPoints, _y, width, LineHeight), XStringFormats.TopLeft);
        _y += font == _heading ? LineHeight * 1.4 : LineHeight;
    }

    /// <summary>Cuts a line that is wider than the page, ending it with an ellipsis.</summary>
    private string Fit(string text, XFont font, double width)
    {
        if (_graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && _graphics.MeasureString(text[..length] + "...", font).Width > width)
        {
            length--;
        }

        return text[..length] + "...";
    }

    private void Gap() => _y += LineHeight / 2;

    private void EnsureRoom(double height)
    {
        if (_y + height > _page.Height.Point - MarginPoints)
        {
            _graphics.Dispose();
            NewPage();
        }
    }

    private void NewPage()
    {
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = MarginPoints;
    }
}
