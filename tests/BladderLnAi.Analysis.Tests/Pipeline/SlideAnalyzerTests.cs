using System.Text.Json;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Analysis.Tests.Fixtures;
using BladderLnAi.Slides;
using BladderLnAi.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Analysis.Tests.Pipeline;

[Trait("Category", "Analysis")]
public class SlideAnalyzerTests(SmallRegionAnalysisFixture fixture) : IClassFixture<SmallRegionAnalysisFixture>
{
    private const long SlideWidth = 2220;
    private const long SlideHeight = 2967;
    private const double SlideMicronsPerPixel = 0.499;

    /// <summary>QuPath classification names of the AJCC 8th edition size classes.</summary>
    private static readonly string[] AjccClassNames = ["Isolated tumour cells", "Micrometastasis", "Macrometastasis"];

    private readonly AnalysisResult _result = fixture.Result;

    [Fact]
    public void Analyze_SmallRegion_PlansFieldsAtModelResolution()
    {
        var plan = _result.Plan;
        var input = fixture.Model.Manifest.Input;

        Assert.NotEmpty(plan.Fields);
        Assert.False(plan.MicronsPerPixelAssumed, "The SVS reports 0.499 um/px, so no fallback should be assumed.");
        Assert.True(
            plan.CandidateFieldCount >= plan.Fields.Count,
            $"{plan.Fields.Count} fields kept out of {plan.CandidateFieldCount} candidates.");
        Assert.Equal(input.Size * input.MicronsPerPixel / SlideMicronsPerPixel, plan.FieldSize, precision: 6);
        Assert.Equal(Enumerable.Range(0, plan.Fields.Count), plan.Fields.Select(field => field.Index));
        Assert.Equal(plan.Fields.Count, _result.Fields.Count);
    }

    [Fact]
    public void Analyze_SmallRegion_HeatmapSizeMatchesScale()
    {
        var plan = _result.Plan;
        var expectedWidth = (int)Math.Ceiling(SlideWidth / plan.HeatmapScale);
        var expectedHeight = (int)Math.Ceiling(SlideHeight / plan.HeatmapScale);

        var heatmap = _result.Heatmap;

        Assert.Equal(expectedWidth, heatmap.Width);
        Assert.Equal(expectedHeight, heatmap.Height);
        Assert.Equal(plan.HeatmapWidth, heatmap.Width);
        Assert.Equal(plan.HeatmapHeight, heatmap.Height);
    }

    [Fact]
    public void Analyze_SmallRegion_HeatmapValuesInUnitRange()
    {
        var heatmap = _result.Heatmap;

        for (var i = 0; i < heatmap.Values.Length; i++)
        {
            var value = heatmap.Values[i];
            Assert.True(
                value is >= 0f and <= 1f,
                $"Heatmap value {value} at ({i % heatmap.Width}, {i / heatmap.Width}) is outside [0, 1] or NaN.");
        }
    }

    [Fact]
    public void Analyze_SmallRegion_FindingOutlinesInsideSlide()
    {
        var findings = _result.Findings;

        foreach (var finding in findings)
        {
            Assert.True(finding.Outline.Count >= 4, $"Finding {finding.Id} has only {finding.Outline.Count} points.");
            foreach (var point in finding.Outline)
            {
                Assert.True(
                    point.X is >= 0 and <= SlideWidth && point.Y is >= 0 and <= SlideHeight,
                    $"Finding {finding.Id} has outline point ({point.X}, {point.Y}) outside the "
                    + $"{SlideWidth} x {SlideHeight} slide.");
            }
        }
    }

    [Fact]
    public void Analyze_SmallRegion_FindingsHaveSizeClass()
    {
        var findings = _result.Findings;

        foreach (var finding in findings)
        {
            Assert.NotNull(finding.GreatestDimensionMicrons);
            Assert.NotNull(finding.AreaSquareMillimetres);
            Assert.Equal(SizeClassification.Classify(finding.GreatestDimensionMicrons), finding.SizeClass);
            Assert.True(
                finding.MaximumProbability >= _result.Threshold,
                $"Finding {finding.Id} peaks at {finding.MaximumProbability}, "
                + $"below the threshold {_result.Threshold}.");
        }
    }

    [Fact]
    public void Analyze_SmallRegion_ProgressEndsAtFindings()
    {
        var reports = fixture.ProgressReports;
        var fieldCount = _result.Plan.Fields.Count;

        Assert.NotEmpty(reports);
        Assert.Equal(AnalysisStage.TissueDetection, reports[0].Stage);
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(
                reports[i].FieldsDone >= reports[i - 1].FieldsDone,
                $"Report {i} ({reports[i].Stage}) has {reports[i].FieldsDone} fields done after "
                + $"{reports[i - 1].FieldsDone} in report {i - 1}.");
        }

        var last = reports[^1];
        Assert.Equal(AnalysisStage.Findings, last.Stage);
        Assert.Equal(fieldCount, last.FieldsTotal);
        Assert.Equal(last.FieldsTotal, last.FieldsDone);
    }

    [Fact]
    public void Analyze_CancelledOnFirstReport_ThrowsCancellation()
    {
        var outputDirectory = TestPaths.NewTempDirectory("cancelled");
        try
        {
            using var cancellation = new CancellationTokenSource();
            var progress = new RecordingProgress(_ => cancellation.Cancel());
            var writer = new AnalysisResultWriter(outputDirectory);
            var analyzer = new SlideAnalyzer(fixture.Model, new AnalysisOptions());

            Assert.ThrowsAny<OperationCanceledException>(() =>
                analyzer.Analyze(fixture.Slide, "cancelled", progress, writer, cancellation.Token));

            Assert.All(progress.Reports, report => Assert.Equal(AnalysisStage.TissueDetection, report.Stage));
            Assert.Empty(Directory.GetFiles(Path.Combine(outputDirectory, ArtifactFiles.CompositeFolder)));
        }
        finally
        {
            Directory.Delete(outputDirectory, recursive: true);
        }
    }

    [Fact]
    public void Write_SmallRegion_WritesSummaryMatchingResult()
    {
        var path = Path.Combine(fixture.OutputDirectory, ArtifactFiles.Summary);

        var summary = ArtifactJson.Read<SummaryDocument>(path);

        Assert.Equal(SmallRegionAnalysisFixture.SlideId, summary.Slide.Id);
        Assert.Equal(SlideWidth, summary.Slide.Width);
        Assert.Equal(SlideHeight, summary.Slide.Height);
        Assert.Equal(_result.Fields.Count, summary.FieldCount);
        Assert.Equal(_result.Fields.Count(field => field.Resampled), summary.ResampledFieldCount);
        Assert.Equal(_result.Findings.Count, summary.FindingsBySizeClass.Values.Sum());
        Assert.Equal(_result.Heatmap.Width, summary.Heatmap.Width);
        Assert.Equal(_result.Heatmap.Height, summary.Heatmap.Height);
    }

    [Fact]
    public void Write_SmallRegion_WritesClosedGeoJsonPolygons()
    {
        var path = Path.Combine(fixture.OutputDirectory, ArtifactFiles.FindingsGeoJson);

        using var document = JsonDocument.Parse(File.ReadAllText(path));

        var root = document.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(_result.Findings.Count, features.Count);
        foreach (var feature in features)
        {
            AssertFindingFeature(feature);
        }
    }

    [Fact]
    public void Write_SmallRegion_WritesHeatmapPng()
    {
        var path = Path.Combine(fixture.OutputDirectory, ArtifactFiles.Heatmap);
        var heatmap = _result.Heatmap;
        var maximumIndex = Array.IndexOf(heatmap.Values, heatmap.Values.Max());

        using var image = Image.Load<L8>(path);

        Assert.Equal(heatmap.Width, image.Width);
        Assert.Equal(heatmap.Height, image.Height);
        var samplePixels = new[]
        {
            (0, 0),
            (heatmap.Width / 2, heatmap.Height / 2),
            (heatmap.Width - 1, heatmap.Height - 1),
            (maximumIndex % heatmap.Width, maximumIndex / heatmap.Width),
        };
        foreach (var (x, y) in samplePixels)
        {
            var expected = (byte)Math.Round(heatmap[x, y] * 255);
            Assert.True(
                image[x, y].PackedValue == expected,
                $"heatmap.png pixel ({x}, {y}) is {image[x, y].PackedValue}, "
                + $"expected {expected} for probability {heatmap[x, y]}.");
        }
    }

    [Fact]
    public void Write_SmallRegion_WritesCompositePerResampledField()
    {
        var size = fixture.Model.InputSize;
        var resampled = _result.Fields.Where(field => field.Resampled).ToList();
        var compositeFolder = Path.Combine(fixture.OutputDirectory, ArtifactFiles.CompositeFolder);

        var compositePngs = Directory.GetFiles(compositeFolder, "field-????.png");

        Assert.Equal(resampled.Count, compositePngs.Length);
        foreach (var field in resampled)
        {
            var index = field.Field.Index;
            var compositePath = Path.Combine(fixture.OutputDirectory, ArtifactFiles.Composite(index));
            var info = Image.Identify(compositePath);
            Assert.True(info is not null, $"Composite of field {index} at '{compositePath}' is not a readable image.");
            Assert.Equal(size, info.Width);
            Assert.Equal(size, info.Height);

            var gridPath = Path.Combine(fixture.OutputDirectory, ArtifactFiles.CompositeGrid(index));
            var grid = ArtifactJson.Read<GridDocument>(gridPath);
            Assert.Equal(index, grid.FieldIndex);
            Assert.Equal(field.Field.X, grid.FieldX);
            Assert.Equal(field.Field.Y, grid.FieldY);
            Assert.Equal(grid.Width * grid.Height, grid.U.Length);
            Assert.Equal(grid.Width * grid.Height, grid.V.Length);
        }
    }

    [Fact]
    public void Analyze_SlideWithoutMpp_ReportsUnknownSizes()
    {
        // The generic TIFF has no openslide.mpp-x/y. The smallest positive threshold turns all tissue with a
        // probability above 0 into findings, so the checks below see findings with any model that is not 0
        // everywhere.
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region-generic.tiff"));
        var options = new AnalysisOptions { FindingThreshold = float.Epsilon };
        var analyzer = new SlideAnalyzer(fixture.Model, options);

        var result = analyzer.Analyze(slide, "cmu-1-small-region-generic");

        Assert.Null(slide.MicronsPerPixel);
        Assert.True(result.Plan.MicronsPerPixelAssumed, "The plan does not say that it assumed a microns per pixel.");
        Assert.NotEmpty(result.Findings);
        foreach (var finding in result.Findings)
        {
            Assert.Equal(SizeClass.Unknown, finding.SizeClass);
            Assert.Null(finding.GreatestDimensionMicrons);
            Assert.Null(finding.AreaSquareMillimetres);
            Assert.All(finding.Outline, point => Assert.True(
                point.X <= slide.Width && point.Y <= slide.Height,
                $"Finding {finding.Id} has outline point ({point.X}, {point.Y}) outside the slide."));
        }
    }

    private static void AssertFindingFeature(JsonElement feature)
    {
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        var geometry = feature.GetProperty("geometry");
        Assert.Equal("Polygon", geometry.GetProperty("type").GetString());

        var rings = geometry.GetProperty("coordinates").EnumerateArray().ToList();
        Assert.NotEmpty(rings);
        foreach (var ring in rings)
        {
            var positions = ring.EnumerateArray()
                .Select(position => (X: position[0].GetDouble(), Y: position[1].GetDouble()))
                .ToList();
            Assert.True(
                positions.Count >= 4,
                $"A ring of {feature.GetProperty("id")} has {positions.Count} positions.");
            Assert.True(
                positions[0] == positions[^1],
                $"The ring of {feature.GetProperty("id")} starts at {positions[0]} but ends at {positions[^1]}.");
            Assert.All(positions, position => Assert.True(
                position.X is >= 0 and <= SlideWidth && position.Y is >= 0 and <= SlideHeight,
                $"Position {position} of {feature.GetProperty("id")} is outside the slide."));
        }

        var className = feature.GetProperty("properties").GetProperty("classification").GetProperty("name").GetString();
        Assert.Contains(className, AjccClassNames);
    }
}
