using BladderLnAi.Analysis.Findings;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;
using BladderLnAi.Slides;

namespace BladderLnAi.Tests.Results;

/// <summary>A square of constant probability in heatmap pixels.</summary>
public readonly record struct HeatmapSquare(int X, int Y, int Side, float Probability);

/// <summary>
/// Writes the result folder of a completed analysis of a real slide without running the model: a heatmap painted
/// with known squares, the findings that the analysis's own extractor finds in it, and every file through the
/// analysis's own writer. The job row goes into the host's database, so the host serves it like any other.
/// </summary>
public static class SyntheticAnalysis
{
    public const float Threshold = 0.5f;

    /// <summary>Writes the results and returns the job, not yet saved.</summary>
    /// <param name="analysesDirectory">The host's analysis store, <c>{data}/analyses</c>.</param>
    /// <param name="scale">Level-0 pixels per heatmap pixel.</param>
    public static AnalysisJob Write(
        string analysesDirectory,
        string slidePath,
        string slideId,
        double scale,
        IEnumerable<HeatmapSquare> squares)
    {
        using var slide = WholeSlideImage.Open(slidePath);
        var heatmap = new FloatMap((int)Math.Ceiling(slide.Width / scale), (int)Math.Ceiling(slide.Height / scale));
        foreach (var square in squares)
        {
            Paint(heatmap, square);
        }

        var findings = FindingExtractor.Extract(heatmap, Threshold, scale, slide.MicronsPerPixel, 1, slide.Width, slide.Height);
        var job = new AnalysisJob
        {
            SlideId = slideId,
            SlideFileName = Path.GetFileName(slidePath),
            Status = AnalysisJobStatus.Completed,
            StartedUtc = DateTime.UtcNow,
            FinishedUtc = DateTime.UtcNow,
            Attempts = 1,
            FieldsDone = 1,
            FieldsTotal = 1,
            FindingCount = findings.Count,
            ModelName = "synthetic",
            ModelVersion = "0",
            ExecutionProvider = "none",
        };
        job.ResultFolder = $"{slideId}-{job.Id:N}";
        var writer = new AnalysisResultWriter(Path.Combine(analysesDirectory, job.ResultFolder));
        writer.Write(new AnalysisResult(
            new SlideSummary(slideId, job.SlideFileName, slide.Vendor, slide.Width, slide.Height, slide.MicronsPerPixel),
            new ModelSummary("synthetic", "0", new string('0', 64), false, "none", 512, 2.0),
            new AnalysisPlan(4096, scale, heatmap.Width, heatmap.Height, (int)(4096 / scale), [], 0,
                new TissueMask(new BinaryMask(1, 1), -1, 0), 1, false),
            [new FieldResult(new FieldPlan(0, 0, 0, Math.Max(slide.Width, slide.Height), 0, 0, 1), false, [], null, 1, 512, 1, 0)],
            heatmap,
            Threshold,
            findings,
            new Dictionary<AnalysisStage, TimeSpan>(),
            TimeSpan.Zero));
        return job;
    }

    /// <summary>Returns the width and height in pixels of the heatmap that <see cref="Write"/> paints for a slide.</summary>
    public static (int Width, int Height) HeatmapSize(string slidePath, double scale)
    {
        using var slide = WholeSlideImage.Open(slidePath);
        return ((int)Math.Ceiling(slide.Width / scale), (int)Math.Ceiling(slide.Height / scale));
    }

    /// <summary>Saves the job in the host's database.</summary>
    public static async Task SaveAsync(BladderLnAiDbContext database, AnalysisJob job)
    {
        database.AnalysisJobs.Add(job);
        await database.SaveChangesAsync();
    }

    /// <summary>
    /// Returns <paramref name="count"/> separate 3 x 3 squares on a regular grid inside a heatmap of the given size,
    /// with maximum probabilities spread from 0.5 to 0.99 so that some fall in every probability band.
    /// </summary>
    public static IEnumerable<HeatmapSquare> Grid(int count, int heatmapWidth, int heatmapHeight)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(count * (double)heatmapWidth / heatmapHeight));
        var rows = (int)Math.Ceiling(count / (double)columns);
        var stepX = heatmapWidth / columns;
        var stepY = heatmapHeight / rows;
        if (stepX < 5 || stepY < 5)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{count} squares do not fit apart in {heatmapWidth} x {heatmapHeight}.");
        }

        for (var i = 0; i < count; i++)
        {
            var probability = 0.5f + 0.49f * (i * 37 % 100) / 100f;
            yield return new HeatmapSquare(1 + i % columns * stepX, 1 + i / columns * stepY, 3, probability);
        }
    }

    private static void Paint(FloatMap heatmap, HeatmapSquare square)
    {
        for (var y = square.Y; y < square.Y + square.Side; y++)
        {
            for (var x = square.X; x < square.X + square.Side; x++)
            {
                heatmap[x, y] = square.Probability;
            }
        }
    }
}
