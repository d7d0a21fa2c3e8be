using System.Text.Json.Nodes;
using BladderLnAi.Analysis;
using BladderLnAi.Tests;
using BladderLnAi.Training.Evaluation;

namespace BladderLnAi.Training.Tests.Evaluation;

/// <summary>
/// Runs the three methods on CMU-1-Small-Region with <see cref="DarkPixelModel"/> and a hand-made ground truth, and
/// writes the report, once for the class.
/// </summary>
public sealed class SmallRegionEvaluationFixture : IDisposable
{
    public SmallRegionEvaluationFixture()
    {
        var slides = Path.Combine(Directory, "slides");
        System.IO.Directory.CreateDirectory(slides);
        File.CreateSymbolicLink(Path.Combine(slides, "cmu.svs"), TestPaths.SampleSlide("CMU-1-Small-Region.svs"));

        // A 400 x 400 px square (about 0.28 mm across at 0.499 um/px) in the tissue in the middle of the slide.
        File.WriteAllText(Path.Combine(slides, "cmu.geojson"), """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
              "geometry": {"type": "Polygon", "coordinates": [[[900, 1300], [1300, 1300], [1300, 1700], [900, 1700], [900, 1300]]]}}]}
            """);
        Report = new EvaluationRunner(new DarkPixelModel(), new AnalysisOptions()).Run(slides, EvaluationMethods.All);
        (JsonPath, MarkdownPath) = EvaluationReportWriter.Write(Report, Path.Combine(Directory, "report"));
    }

    public string Directory { get; } = TestPaths.NewTempDirectory("evaluate");

    public EvaluationReport Report { get; }

    public string JsonPath { get; }

    public string MarkdownPath { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[Trait("Category", "Training")]
public class EvaluationRunnerTests(SmallRegionEvaluationFixture fixture) : IClassFixture<SmallRegionEvaluationFixture>
{
    [Fact]
    public void Run_ThreeMethods_ReportsEach()
    {
        Assert.Equal(EvaluationMethods.All, fixture.Report.Methods.Select(method => method.Method));
        var slide = Assert.Single(fixture.Report.Slides);
        Assert.Single(slide.Foci);
    }

    [Fact]
    public void Run_TwoPass_CostsAtLeastUniform()
    {
        var passes = fixture.Report.Methods.ToDictionary(method => method.Method, method => method.NetworkPasses);

        Assert.True(passes[EvaluationMethod.Uniform] > 0);
        Assert.True(passes[EvaluationMethod.TwoPass] >= passes[EvaluationMethod.Uniform]);
        Assert.True(passes[EvaluationMethod.TwoPass] <= 2 * passes[EvaluationMethod.Uniform]);
        Assert.True(passes[EvaluationMethod.SlidingWindow] > passes[EvaluationMethod.Uniform]);
    }

    [Fact]
    public void Run_DarkTissueModel_FindsTheFocus()
    {
        // The focus lies on dark tissue, so every method's dark-pixel findings overlap it.
        foreach (var method in fixture.Report.Methods)
        {
            Assert.Equal(1, method.Metrics.Recall.All.Detected);
        }
    }

    [Fact]
    public void Write_Json_HasEveryMethodAndMetric()
    {
        var root = JsonNode.Parse(File.ReadAllText(fixture.JsonPath))!.AsObject();

        foreach (var code in new[] { "uniform", "two_pass", "sliding_window" })
        {
            var method = root[code]!.AsObject();
            foreach (var size in new[] { "itc", "micro", "macro", "under_0_5_mm", "all" })
            {
                Assert.True(method["recall"]!.AsObject().ContainsKey(size), $"{code}.recall has no {size}");
            }

            foreach (var key in new[] { "fp_per_slide", "froc", "auc", "seconds", "network_passes", "per_slide" })
            {
                Assert.True(method.ContainsKey(key), $"{code} has no {key}");
            }

            Assert.Equal(6, method["froc"]!["sensitivity_at_fp_per_slide"]!.AsObject().Count);
        }
    }

    [Fact]
    public void Write_Json_RecordsBothThresholds()
    {
        var root = JsonNode.Parse(File.ReadAllText(fixture.JsonPath))!.AsObject();

        Assert.Equal(0.5, root["threshold"]!.GetValue<double>(), precision: 4);
        Assert.Equal(AnalysisOptions.DefaultSaliencyThreshold, root["saliency_threshold"]!.GetValue<double>(), precision: 4);
    }

    [Fact]
    public void Write_Markdown_ListsMethodsSideBySide()
    {
        var text = File.ReadAllText(fixture.MarkdownPath);

        Assert.Contains("| metric | uniform | two_pass | sliding_window |", text);
        Assert.Contains("| recall, micrometastases |", text);
        Assert.Contains("| FROC score |", text);
        Assert.Contains("| seconds |", text);
    }
}
