using System.Globalization;
using System.Text;
using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

/// <summary>Findings of a case as CSV (RFC 4180, UTF-8), one row per finding with its ruling and reviewers.</summary>
public static class CaseCsv
{
    private static readonly string[] Header =
    [
        "accession_number", "finding_id", "slide_file", "lymph_node", "station", "origin", "name",
        "centre_x", "centre_y", "greatest_dimension_um", "area_mm2", "size_class", "max_probability",
        "review_state", "ruling", "rejection_reason", "comment", "proposed_by", "proposed_utc", "confirmed_by", "confirmed_utc",
    ];

    public static string Write(Case reviewCase)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Header).Append("\r\n");
        foreach (var finding in reviewCase.Findings.OrderBy(f => f.CaseSlideId).ThenBy(f => f.Id))
        {
            var slide = reviewCase.Slides.FirstOrDefault(s => s.Id == finding.CaseSlideId);
            var node = reviewCase.LymphNodes.FirstOrDefault(n => n.Id == finding.LymphNodeId);
            string?[] cells =
            [
                reviewCase.AccessionNumber,
                Number(finding.Id),
                slide?.FileName,
                node?.Label,
                node?.Station.DisplayName(),
                finding.Origin.ToString(),
                CaseGeoJson.NameOf(finding),
                Number(finding.CentreX),
                Number(finding.CentreY),
                Number(finding.GreatestDimensionMicrons),
                Number(finding.AreaSquareMillimetres),
                finding.SizeClass,
                Number(finding.MaximumProbability),
                finding.ReviewState.ToString(),
                finding.Ruling.ToString(),
                finding.RejectionReason?.ToString(),
                finding.Comment,
                finding.ProposedByName,
                Time(finding.ProposedUtc),
                finding.ConfirmedByName,
                Time(finding.ConfirmedUtc),
            ];
            text.AppendJoin(',', cells.Select(Escape)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Time(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        // A free-text cell starting with =, +, - or @ would run as a formula in a spreadsheet, so it gets a leading
        // apostrophe (numbers are written by this class and never need one).
        if (cell[0] is '=' or '+' or '-' or '@' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }
}
