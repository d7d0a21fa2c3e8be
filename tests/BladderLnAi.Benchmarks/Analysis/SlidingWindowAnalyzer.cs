using System.Diagnostics;
using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Analysis.Reading;
using BladderLnAi.Inference;
using BladderLnAi.Slides;

namespace BladderLnAi.Benchmarks.Analysis;

/// <summary>Time of each part of a sliding-window run, and how many windows it segmented.</summary>
public sealed record SlidingWindowResult(int Fields, int Windows, TimeSpan Planning, TimeSpan Reading, TimeSpan Segmenting)
{
    public TimeSpan Total => Planning + Reading + Segmenting;
}

/// <summary>
/// The baseline that the two-pass method replaces: every tissue field of the same plan cut at full resolution
/// (level 0) into windows of the network input size, each window read and segmented once.
/// </summary>
/// <remarks>
/// Only planning, reading and segmenting are timed. Assembling the windows into a heatmap and extracting findings
/// are left out, which favours the sliding window.
/// </remarks>
public static class SlidingWindowAnalyzer
{
    public static SlidingWindowResult Run(WholeSlideImage slide, ISegmentationModel model, AnalysisOptions options)
    {
        var size = model.InputSize;
        var planning = Stopwatch.StartNew();
        var plan = FieldPlanner.Plan(slide, size, model.Manifest.Input.MicronsPerPixel, options);
        planning.Stop();

        var reading = new Stopwatch();
        var segmenting = new Stopwatch();
        var windows = 0;
        foreach (var field in plan.Fields)
        {
            // Windows tile the field without gaps; the last one in each direction is moved back to end at the field edge.
            var side = (int)Math.Ceiling(field.Size);
            foreach (var offsetY in FieldPlanner.Origins(side, size, size))
            {
                foreach (var offsetX in FieldPlanner.Origins(side, size, size))
                {
                    reading.Start();
                    var window = SlideRegionReader.ReadScaled(slide, field.X + offsetX, field.Y + offsetY, size, size, size, size);
                    reading.Stop();
                    segmenting.Start();
                    model.Segment(window);
                    segmenting.Stop();
                    windows++;
                }
            }
        }

        return new SlidingWindowResult(plan.Fields.Count, windows, planning.Elapsed, reading.Elapsed, segmenting.Elapsed);
    }
}
