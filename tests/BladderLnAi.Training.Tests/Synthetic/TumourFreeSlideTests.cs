using BladderLnAi.Inference;
using BladderLnAi.Analysis;
using BladderLnAi.Tests;
using BladderLnAi.Training.Evaluation;
using BladderLnAi.Training.Synthetic;

namespace BladderLnAi.Training.Tests.Synthetic;

/// <summary>
/// Two 4096 x 4096 synthetic slides, one with foci (seed 7) and one tumour-free (seed 8), each in a folder of its own
/// with its ground truth.
/// </summary>
public sealed class TumourFreeSlideFixture : IDisposable
{
    private const int Side = 4096;

    public TumourFreeSlideFixture()
    {
        Root = TestPaths.NewTempDirectory("tumour-free");
        PositiveFolder = Path.Combine(Root, "positive");
        NegativeFolder = Path.Combine(Root, "negative");
        Positive = SyntheticSlideGenerator.Generate(new SyntheticSlideOptions { Seed = 7, Width = Side, Height = Side }, PositiveFolder);
        Negative = SyntheticSlideGenerator.Generate(
            new SyntheticSlideOptions { Seed = 8, Width = Side, Height = Side, TumourFree = true },
            NegativeFolder);
    }

    public string Root { get; }

    public string PositiveFolder { get; }

    public string NegativeFolder { get; }

    public SyntheticSlideResult Positive { get; }

    public SyntheticSlideResult Negative { get; }

    /// <summary>Returns a new folder that links both slides and their ground truth.</summary>
    public string LinkBoth()
    {
        var folder = Path.Combine(Root, $"both-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var path in new[] { Positive.SlidePath, Positive.GeoJsonPath, Negative.SlidePath, Negative.GeoJsonPath })
        {
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(path)), path);
        }

        return folder;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

[Trait("Category", "Model")]
public class TumourFreeSlideTests(TumourFreeSlideFixture fixture) : IClassFixture<TumourFreeSlideFixture>
{
    [Fact]
    public void Plan_TumourFree_HasNoFoci()
    {
        var withTumour = SyntheticSlidePlan.Create(new SyntheticSlideOptions { Seed = 1 });
        var tumourFree = SyntheticSlidePlan.Create(new SyntheticSlideOptions { Seed = 1, TumourFree = true });

        Assert.NotEmpty(withTumour.Foci);
        Assert.Empty(tumourFree.Foci);
    }

    [Fact]
    public void Plan_TumourFree_KeepsNodeOfSameSeed()
    {
        var withTumour = SyntheticSlidePlan.Create(new SyntheticSlideOptions { Seed = 1 });
        var tumourFree = SyntheticSlidePlan.Create(new SyntheticSlideOptions { Seed = 1, TumourFree = true });

        // Where the tumour-bearing slide has tumour, the tumour-free one shows the node tissue underneath.
        foreach (var focus in withTumour.Foci)
        {
            var (x, y) = (focus.Outline.Average(p => p.X), focus.Outline.Average(p => p.Y));
            Assert.NotEqual(TissueCompartment.Tumour, tumourFree.CompartmentAt(x, y));
        }

        for (var y = 256.0; y < 8192; y += 512)
        {
            for (var x = 256.0; x < 8192; x += 512)
            {
                var expected = withTumour.CompartmentAt(x, y);
                if (expected != TissueCompartment.Tumour)
                {
                    Assert.Equal(expected, tumourFree.CompartmentAt(x, y));
                }
            }
        }
    }

    [Fact]
    public void Generate_TumourFree_WritesNoGroundTruthFoci()
    {
        var foci = GroundTruthFiles.ReadFoci(fixture.Negative.GeoJsonPath, 0.25);

        Assert.Empty(foci);
        Assert.Empty(fixture.Negative.Plan.Foci);
        Assert.Equal(fixture.Negative.GeoJsonPath, GroundTruthFiles.Find(fixture.Negative.SlidePath));
    }

    [Fact]
    public void Evaluate_PositiveAndNegativeSlides_ComputesAuc()
    {
        using var model = OnnxSegmentationModel.Load(TestPaths.ModelDirectory, ExecutionDevice.Cpu);
        var runner = new EvaluationRunner(model, new AnalysisOptions());

        var mixed = runner.Run(fixture.LinkBoth(), [EvaluationMethod.Uniform]);
        var positiveOnly = runner.Run(fixture.PositiveFolder, [EvaluationMethod.Uniform]);

        Assert.Equal(2, mixed.Slides.Count);
        Assert.Single(mixed.Slides, slide => slide.Foci.Count == 0);
        var auc = Assert.Single(mixed.Methods).Metrics.Auc;
        Assert.NotNull(auc);
        Assert.InRange(auc.Value, 0, 1);
        Assert.Null(Assert.Single(positiveOnly.Methods).Metrics.Auc);
    }
}
