using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using BladderLnAi.Data;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Teaching.Scoring;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Teaching;

/// <summary>One submitted attempt as a row of the progress pages and the CSV export.</summary>
public sealed record AttemptRow(
    int AttemptId,
    string ResidentUserId,
    string ResidentName,
    string SetName,
    int Position,
    string CaseCode,
    DateTime SubmittedUtc,
    AttemptScore Score);

/// <summary>A confirmed finding that residents missed, with how often.</summary>
public sealed record MissedFocus(string CaseCode, int FindingId, string SizeClass, int Misses, int Attempts);

/// <summary>Pooled counts of one resident over their submitted attempts of a set.</summary>
public sealed record ResidentProgress(string ResidentUserId, string ResidentName, int Attempts, IReadOnlyList<SizeClassScore> SizeClasses, double MeanFalseMarksPerSlide, double MeanSeconds);

public sealed record SetProgress(int SetId, string SetName, IReadOnlyList<ResidentProgress> Residents, IReadOnlyList<AttemptRow> Attempts, IReadOnlyList<MissedFocus> MostMissed);

/// <summary>
/// Scores over time: per case set and resident for its educators, and a resident's own history. A resident's
/// history holds only their own attempts.
/// </summary>
public sealed class TeachingProgress(IDbContextFactory<BladderLnAiDbContext> databases, SlideAccess access, CaseSetService caseSets)
{
    private static readonly JsonSerializerOptions ScoreJsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Returns the progress of every resident on the set, or null when the user is no educator of its site.</summary>
    public async Task<SetProgress?> SetProgressAsync(ClaimsPrincipal user, int setId, CancellationToken cancellationToken = default)
    {
        var sites = await caseSets.EducatorSitesAsync(user, cancellationToken);
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var set = await database.CaseSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == setId && sites.Contains(s.SiteId), cancellationToken);
        if (set is null)
        {
            return null;
        }

        var rows = await RowsAsync(database, setId, null, cancellationToken);
        var residents = rows.GroupBy(r => r.ResidentUserId)
            .Select(group => Pool(group.Key, group.First().ResidentName, group.ToList()))
            .OrderBy(r => r.ResidentName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new SetProgress(set.Id, set.Name, residents, rows, MostMissed(rows));
    }

    /// <summary>Returns the signed-in user's own submitted attempts, oldest first.</summary>
    public async Task<IReadOnlyList<AttemptRow>> HistoryAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.UserId();
        if (userId is null)
        {
            return [];
        }

        var sites = await access.SitesOfAsync(user, cancellationToken);
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(database, null, userId, cancellationToken, sites);
    }

    /// <summary>Writes one line per submitted attempt of the set; null when the user is no educator of its site.</summary>
    public async Task<string?> CsvAsync(ClaimsPrincipal user, int setId, CancellationToken cancellationToken = default)
    {
        var progress = await SetProgressAsync(user, setId, cancellationToken);
        return progress is null ? null : TeachingCsv.Write(progress.Attempts);
    }

    /// <summary>Pools hits and findings per size class, so that sensitivity weighs every finding equally.</summary>
    public static ResidentProgress Pool(string userId, string name, IReadOnlyList<AttemptRow> rows)
    {
        var classes = rows.SelectMany(r => r.Score.SizeClasses)
            .GroupBy(c => c.SizeClass)
            .Select(g =>
            {
                var (findings, hits) = (g.Sum(c => c.Findings), g.Sum(c => c.Hits));
                return new SizeClassScore(g.Key, findings, hits, findings - hits, g.Sum(c => c.FalseMarks), findings == 0 ? null : (double)hits / findings);
            })
            .ToList();
        return new ResidentProgress(
            userId,
            name,
            rows.Count,
            classes,
            rows.Count == 0 ? 0 : rows.Average(r => r.Score.FalseMarksPerSlide),
            rows.Count == 0 ? 0 : rows.Average(r => r.Score.SecondsSpent));
    }

    private static List<MissedFocus> MostMissed(IReadOnlyList<AttemptRow> rows) =>
        rows.SelectMany(row => row.Score.Findings.Select(finding => (row.CaseCode, Finding: finding)))
            .GroupBy(pair => (pair.CaseCode, pair.Finding.FindingId))
            .Select(g => new MissedFocus(g.Key.CaseCode, g.Key.FindingId, g.First().Finding.SizeClass, g.Count(p => !p.Finding.Hit), g.Count()))
            .Where(focus => focus.Misses > 0)
            .OrderByDescending(focus => (double)focus.Misses / focus.Attempts)
            .ThenByDescending(focus => focus.Misses)
            .Take(10)
            .ToList();

    private static async Task<List<AttemptRow>> RowsAsync(
        BladderLnAiDbContext database,
        int? setId,
        string? residentUserId,
        CancellationToken cancellationToken,
        IReadOnlySet<int>? sites = null)
    {
        var rows = await (
                from attempt in database.TeachingAttempts.AsNoTracking()
                where attempt.SubmittedUtc != null && attempt.ScoreJson != null
                where residentUserId == null || attempt.ResidentUserId == residentUserId
                join setCase in database.CaseSetCases on attempt.CaseSetCaseId equals setCase.Id
                where setId == null || setCase.CaseSetId == setId
                join set in database.CaseSets on setCase.CaseSetId equals set.Id
                join assignment in database.CaseSetAssignments on attempt.AssignmentId equals assignment.Id
                select new
                {
                    attempt.Id,
                    attempt.ResidentUserId,
                    assignment.ResidentName,
                    set.Name,
                    set.SiteId,
                    setCase.Position,
                    SubmittedUtc = attempt.SubmittedUtc!.Value,
                    attempt.ScoreJson,
                })
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => sites is null || sites.Contains(r.SiteId))
            .OrderBy(r => r.SubmittedUtc)
            .Select(r => new AttemptRow(
                r.Id,
                r.ResidentUserId,
                r.ResidentName ?? r.ResidentUserId,
                r.Name,
                r.Position,
                AttemptService.CaseCode(r.Position, r.Name),
                r.SubmittedUtc,
                JsonSerializer.Deserialize<AttemptScore>(r.ScoreJson!, ScoreJsonOptions)!))
            .ToList();
    }
}

/// <summary>Scores as CSV (RFC 4180), one line per submitted attempt.</summary>
public static class TeachingCsv
{
    public static string Write(IReadOnlyList<AttemptRow> rows)
    {
        var text = new StringBuilder();
        var header = new List<string> { "resident", "case", "submitted_utc" };
        foreach (var code in AttemptScorer.SizeClassCodes)
        {
            header.AddRange([$"{code}_findings", $"{code}_hits", $"{code}_misses", $"{code}_false_marks", $"{code}_sensitivity"]);
        }

        header.AddRange(["hits", "misses", "false_marks", "sensitivity", "false_marks_per_slide", "seconds"]);
        text.Append(string.Join(',', header)).Append("\r\n");
        foreach (var row in rows)
        {
            var fields = new List<string> { Escape(row.ResidentName), Escape(row.CaseCode), row.SubmittedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
            foreach (var code in AttemptScorer.SizeClassCodes)
            {
                var score = row.Score.SizeClasses.FirstOrDefault(c => c.SizeClass == code) ?? new SizeClassScore(code, 0, 0, 0, 0, null);
                fields.AddRange([Number(score.Findings), Number(score.Hits), Number(score.Misses), Number(score.FalseMarks), Number(score.Sensitivity)]);
            }

            var total = row.Score;
            fields.AddRange([Number(total.Hits), Number(total.Misses), Number(total.FalseMarks), Number(total.Sensitivity), Number(total.FalseMarksPerSlide), Number(total.SecondsSpent)]);
            text.Append(string.Join(',', fields)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";

    /// <summary>Quotes a text field, and prefixes a quote to text that a spreadsheet would run as a formula.</summary>
    private static string Escape(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]))
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
