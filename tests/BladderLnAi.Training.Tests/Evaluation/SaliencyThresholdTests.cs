using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using BladderLnAi.Tests;
using BladderLnAi.Training.Synthetic;

namespace BladderLnAi.Training.Tests.Evaluation;

/// <summary>
/// A 4096 x 4096 synthetic slide with foci (seed 7), analysed once with the bundled model at a saliency threshold
/// of 0.5, the finding threshold of the model.
/// </summary>
public sealed class SaliencyThresholdFixture : IDisposable
{
    private readonly string _folder = TestPaths.NewTempDirectory("saliency-threshold");

    public SaliencyThresholdFixture()
    {
        var options = new SyntheticSlideOptions { Seed = 7, Width = 4096, Height = 4096 };
        SlidePath = SyntheticSlideGenerator.Generate(options, _folder).SlidePath;
        Model = OnnxSegmentationModel.Load(TestPaths.ModelDirectory, ExecutionDevice.Cpu);
        AtFindingThreshold = Analyze(0.5f);
    }

    public string SlidePath { get; }

    public OnnxSegmentationModel Model { get; }

    public AnalysisResult AtFindingThreshold { get; }

    public AnalysisResult Analyze(float saliencyThreshold)
    {
        var defaults = new AnalysisOptions();
        var options = defaults with { Saliency = defaults.Saliency with { Threshold = saliencyThreshold } };
        using var slide = WholeSlideImage.Open(SlidePath);
        return new SlideAnalyzer(Model, options).Analyze(slide, "synthetic-7");
    }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

[Trait("Category", "Model")]
public class SaliencyThresholdTests(SaliencyThresholdFixture fixture) : IClassFixture<SaliencyThresholdFixture>
{
    [Fact]
    public void Analyze_FindingThreshold_MagnifiesOnlyFieldsReachingIt()
    {
        var result = fixture.AtFindingThreshold;

        Assert.NotEmpty(result.Fields);
        foreach (var field in result.Fields)
        {
            Assert.True(
                field.Resampled == field.UniformMaximum >= 0.5f,
                $"Field {field.Field.Index}: uniform maximum {field.UniformMaximum}, resampled {field.Resampled}.");
        }
    }

    [Fact]
    public void Analyze_LowerSaliencyThreshold_MagnifiesMoreFields()
    {
        var threshold = ThresholdBelowWeakestUnmagnifiedField();

        var lowered = fixture.Analyze(threshold);

        var before = fixture.AtFindingThreshold.Fields.Count(field => field.Resampled);
        var after = lowered.Fields.Count(field => field.Resampled);
        Assert.True(after > before, $"Saliency threshold {threshold} resampled {after} fields, 0.5 resampled {before}.");
        foreach (var field in lowered.Fields)
        {
            Assert.True(
                field.Resampled == field.UniformMaximum >= threshold,
                $"Field {field.Field.Index}: uniform maximum {field.UniformMaximum}, resampled {field.Resampled}.");
        }
    }

    [Fact]
    public void Analyze_LowerSaliencyThreshold_KeepsFindingThreshold()
    {
        var lowered = fixture.Analyze(ThresholdBelowWeakestUnmagnifiedField());

        Assert.Equal(fixture.Model.Manifest.Output.Threshold, lowered.Threshold);
        Assert.All(lowered.Findings, finding => Assert.True(
            finding.MaximumProbability >= lowered.Threshold,
            $"Finding {finding.Id} peaks at {finding.MaximumProbability}, below the finding threshold."));
    }

    /// <summary>
    /// Returns a saliency threshold just below the largest uniform-pass maximum of the fields that 0.5 leaves
    /// unmagnified, so that lowering the threshold to it must magnify at least one more field.
    /// </summary>
    private float ThresholdBelowWeakestUnmagnifiedField()
    {
        var unmagnified = fixture.AtFindingThreshold.Fields.Where(field => !field.Resampled).ToList();
        Assert.True(unmagnified.Count > 0, "Every field reached 0.5, so no lower threshold can add one.");
        var threshold = 0.9f * unmagnified.Max(field => field.UniformMaximum);
        Assert.True(threshold > 0.001f, $"The unmagnified fields peak at {threshold / 0.9f}, too low to test.");
        return threshold;
    }
}
