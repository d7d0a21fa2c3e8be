using System.Text.Json;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Inference;
using BladderLnAi.Tests;
using BladderLnAi.Training.Annotations;
using BladderLnAi.Training.Datasets;

namespace BladderLnAi.Training.Tests.Datasets;

[Trait("Category", "Training")]
public class DatasetBuilderTests
{
    [Fact]
    public void ChooseFields_HalfTumourShare_TakesBothKinds()
    {
        var fields = Enumerable.Range(0, 10).Select(i => Field(i, x: i * 1000)).ToList();
        IReadOnlyList<AnnotatedRegion> regions = [Region(Square(100, 100, 200)), Region(Square(3100, 100, 200))];

        var chosen = DatasetBuilder.ChooseFields(fields, regions, count: 4, tumourShare: 0.5, new Random(3));

        Assert.Equal(4, chosen.Count);
        Assert.Contains(chosen, field => field.Index == 0);
        Assert.Contains(chosen, field => field.Index == 3);
        Assert.Equal(chosen.OrderBy(field => field.Index).Select(field => field.Index), chosen.Select(field => field.Index));
    }

    [Fact]
    public void ChooseFields_FewOtherFields_FillsUp()
    {
        var fields = Enumerable.Range(0, 3).Select(i => Field(i, x: i * 1000)).ToList();
        IReadOnlyList<AnnotatedRegion> regions = [Region(Square(0, 0, 2500))];

        var chosen = DatasetBuilder.ChooseFields(fields, regions, count: 3, tumourShare: 0.0, new Random(3));

        Assert.Equal([0, 1, 2], chosen.Select(field => field.Index));
    }

    [Fact]
    public void ChooseFields_SameSeed_SameChoice()
    {
        var fields = Enumerable.Range(0, 50).Select(i => Field(i, x: i * 1000)).ToList();

        var first = DatasetBuilder.ChooseFields(fields, [], 5, 0.5, new Random(11));
        var second = DatasetBuilder.ChooseFields(fields, [], 5, 0.5, new Random(11));

        Assert.Equal(first.Select(field => field.Index), second.Select(field => field.Index));
    }

    [Fact]
    public void FieldMasks_Region_LandsAtFieldScale()
    {
        // Field at x = 800 of 4096 level-0 pixels read at 512: 8 level-0 pixels per mask pixel. The square from
        // (1000, 1000) to (1400, 1400) covers mask pixels 25 to 74 horizontally and 125 to 174 vertically.
        var field = new FieldPlan(0, 800, 0, 4096, 0, 0, 1);

        var mask = FieldMasks.Rasterize([Region(Square(1000, 1000, 400))], field, 512);

        Assert.Equal(2500, mask.Count());
        Assert.True(mask[25, 125]);
        Assert.True(mask[74, 174]);
        Assert.False(mask[24, 125]);
        Assert.False(mask[75, 174]);
    }

    [Fact]
    public void Build_RealSlide_WritesAlignedSetsAndIndex()
    {
        // CMU-1-Small-Region has about 0.5 um/px, so the bundled model's 512-pixel field at 2 um/px covers about
        // 2050 level-0 pixels. One tumour square is annotated on the tissue.
        var directory = TestPaths.NewTempDirectory("dataset");
        try
        {
            var slides = Path.Combine(directory, "slides");
            Directory.CreateDirectory(slides);
            File.CreateSymbolicLink(Path.Combine(slides, "cmu.svs"), TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
            File.WriteAllText(Path.Combine(slides, "cmu.geojson"), SquareGeoJson(900, 1300, 300));
            var output = Path.Combine(directory, "out");
            var manifest = ModelManifest.Load(TestPaths.ModelDirectory);
            var options = new DatasetOptions { FieldsPerSlide = 3, Seed = 5, NoisySaliencyShare = 0 };

            var summary = new DatasetBuilder(manifest, options).Build(slides, output);

            Assert.Equal(1, summary.Slides);
            Assert.True(summary.OriginalSamples >= 1);
            Assert.True(summary.SamplesWithTumour >= 1);
            Assert.Equal(summary.SamplesWithTumour, summary.ResampledSamples);
            using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, DatasetBuilder.DatasetFileName)));
            var samples = index.RootElement.GetProperty("samples");
            Assert.Equal(summary.OriginalSamples, samples.GetArrayLength());
            foreach (var sample in samples.EnumerateArray())
            {
                AssertPair(output, sample.GetProperty("original"), 512);
                if (sample.GetProperty("resampled").ValueKind == JsonValueKind.Object)
                {
                    var resampled = sample.GetProperty("resampled");
                    AssertPair(output, resampled, 512);
                    Assert.Equal("truth", resampled.GetProperty("saliency").GetString());

                    // A magnified focus covers a larger share of the composite than of the field.
                    Assert.True(
                        resampled.GetProperty("tumour_fraction").GetDouble() > sample.GetProperty("tumour_fraction").GetDouble(),
                        "the focus was not magnified");
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AssertPair(string root, JsonElement pair, int size)
    {
        var image = DatasetImages.LoadImage(Path.Combine(root, pair.GetProperty("image").GetString()!));
        var mask = DatasetImages.LoadMask(Path.Combine(root, pair.GetProperty("mask").GetString()!));
        Assert.Equal(size, image.Width);
        Assert.Equal(size, image.Height);
        Assert.Equal(size, mask.Width);
        Assert.Equal(size, mask.Height);
    }

    private static string SquareGeoJson(double left, double top, double side) => $$$"""
        {"type": "FeatureCollection", "features": [{"type": "Feature",
          "properties": {"classification": {"name": "Tumor"}, "sizeClass": "micro", "greatestDimensionMicrons": 212},
          "geometry": {"type": "Polygon", "coordinates": [[[{{{left}}}, {{{top}}}], [{{{left + side}}}, {{{top}}}],
            [{{{left + side}}}, {{{top + side}}}], [{{{left}}}, {{{top + side}}}], [{{{left}}}, {{{top}}}]]]}}]}
        """;

    private static FieldPlan Field(int index, double x) => new(index, x, 0, 1000, 0, 0, 1);

    private static AnnotatedRegion Region(IReadOnlyList<PointD> outline) => new(outline, [], "Tumor");

    private static IReadOnlyList<PointD> Square(double left, double top, double side) =>
        [new(left, top), new(left + side, top), new(left + side, top + side), new(left, top + side)];
}
