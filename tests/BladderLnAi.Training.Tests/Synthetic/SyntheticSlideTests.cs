using System.Text.Json;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Slides;
using BladderLnAi.Training.Annotations;
using BladderLnAi.Training.Synthetic;

namespace BladderLnAi.Training.Tests.Synthetic;

[Trait("Category", "Model")]
public sealed class SyntheticSlideTests(DefaultSlideFixture fixture) : IClassFixture<DefaultSlideFixture>
{
    private const int RegionSide = 128;

    private SyntheticSlideResult Result => fixture.Result;

    [Fact]
    public void Open_DefaultSlide_HasSizeLevelsAndMpp()
    {
        using var slide = WholeSlideImage.Open(Result.SlidePath);

        Assert.Equal("aperio", slide.Vendor);
        Assert.Equal(8192, slide.Width);
        Assert.Equal(8192, slide.Height);
        Assert.Equal(0.25, slide.MicronsPerPixel);
        Assert.Equal([1.0, 2.0, 4.0, 8.0], slide.Levels.Select(level => level.Downsample));
        Assert.Equal("40", slide.Properties["aperio.AppMag"]);
    }

    [Fact]
    public void ReadRegion_InsideFocus_DiffersFromCortex()
    {
        using var slide = WholeSlideImage.Open(Result.SlidePath);
        var focus = FindInteriorPoint(LargestFocus());
        var cortex = FindRegion(TissueCompartment.Cortex);

        var tumour = MeanColour(slide.ReadRegion(focus.X, focus.Y, 0, RegionSide, RegionSide));
        var lymphoid = MeanColour(slide.ReadRegion(cortex.X, cortex.Y, 0, RegionSide, RegionSide));

        // Tumour: paler nuclei and more eosinophilic cytoplasm than the packed lymphocytes of the cortex.
        var distance = Math.Sqrt(Enumerable.Range(0, 3).Sum(c => Math.Pow(tumour[c] - lymphoid[c], 2)));
        Assert.True(distance > 20, $"Mean RGB of tumour {Format(tumour)} and cortex {Format(lymphoid)} differ by {distance:F1}.");

        // Eosin barely absorbs red light, so a brighter red channel means less hematoxylin.
        Assert.True(tumour[0] > lymphoid[0] + 10, $"Tumour {Format(tumour)} has no less hematoxylin than cortex {Format(lymphoid)}.");
        Assert.True(
            tumour[0] - tumour[2] > lymphoid[0] - lymphoid[2],
            $"Tumour {Format(tumour)} is not redder (R - B) than cortex {Format(lymphoid)}.");
    }

    [Fact]
    public void ReadRegion_Glass_IsNearWhite()
    {
        using var slide = WholeSlideImage.Open(Result.SlidePath);
        var glass = FindRegion(TissueCompartment.Glass);

        var colour = MeanColour(slide.ReadRegion(glass.X, glass.Y, 0, RegionSide, RegionSide));

        Assert.All(colour, channel => Assert.True(channel > 215, $"Glass {Format(colour)} is not near white."));
        Assert.True(colour.Max() - colour.Min() < 20, $"Glass {Format(colour)} is tinted.");
    }

    [Fact]
    public void GeoJson_FociInsideSlideAndTissue()
    {
        var regions = GeoJsonAnnotations.Read(Result.GeoJsonPath);

        Assert.Equal(Result.Plan.Foci.Count, regions.Count);
        Assert.InRange(regions.Count, 1, 10);
        foreach (var region in regions)
        {
            Assert.Equal("Tumor", region.ClassName);
            Assert.All(region.Outer, point =>
            {
                Assert.InRange(point.X, 0, 8192);
                Assert.InRange(point.Y, 0, 8192);
                Assert.NotEqual(TissueCompartment.Glass, Result.Plan.CompartmentAt(point.X, point.Y));
            });
        }
    }

    /// <summary>
    /// Compares each focus's greatestDimensionMicrons with the maximum Feret diameter of its rasterised polygon,
    /// measured between pixel centres. The mask has about 400 pixels across the focus (at least one level-0 pixel
    /// per mask pixel), so the raster can fall short by up to about two mask pixels.
    /// </summary>
    [Fact]
    public void GeoJson_GreatestDimension_MatchesRasterFeret()
    {
        var regions = GeoJsonAnnotations.Read(Result.GeoJsonPath);
        var dimensions = ReadGreatestDimensions(Result.GeoJsonPath);
        Assert.Equal(regions.Count, dimensions.Count);

        for (var i = 0; i < regions.Count; i++)
        {
            var (minX, minY) = (regions[i].Outer.Min(p => p.X), regions[i].Outer.Min(p => p.Y));
            var (maxX, maxY) = (regions[i].Outer.Max(p => p.X), regions[i].Outer.Max(p => p.Y));
            var scale = Math.Max(1, Math.Max(maxX - minX, maxY - minY) / 400);
            var shifted = new AnnotatedRegion([.. regions[i].Outer.Select(p => new PointD(p.X - minX, p.Y - minY))], [], null);
            var mask = AnnotationRasterizer.Rasterize(
                [shifted], scale, (int)Math.Ceiling((maxX - minX) / scale) + 1, (int)Math.Ceiling((maxY - minY) / scale) + 1);

            var centres = new List<PointD>();
            for (var y = 0; y < mask.Height; y++)
            {
                for (var x = 0; x < mask.Width; x++)
                {
                    if (mask[x, y])
                    {
                        centres.Add(new PointD((x + 0.5) * scale, (y + 0.5) * scale));
                    }
                }
            }

            var rasterMicrons = PolygonGeometry.MaxFeretDiameter(centres) * 0.25;
            var toleranceMicrons = 2 * scale * 0.25 + 1;
            Assert.True(
                Math.Abs(rasterMicrons - dimensions[i]) <= toleranceMicrons,
                $"Focus {i + 1}: greatestDimensionMicrons {dimensions[i]:F1}, raster Feret {rasterMicrons:F1}, "
                + $"tolerance {toleranceMicrons:F1} um.");
        }
    }

    [Fact]
    public void GeoJson_SizeClass_MatchesDimension()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Result.GeoJsonPath));
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var dimension = properties.GetProperty("greatestDimensionMicrons").GetDouble();
            var expected = SizeClassification.Classify(dimension).Code();
            Assert.Equal(expected, properties.GetProperty("sizeClass").GetString());
        }
    }

    private SyntheticFocus LargestFocus() => Result.Plan.Foci.MaxBy(focus => focus.GreatestDimensionMicrons)!;

    /// <summary>Returns the top-left corner of a region whose corners and centre all lie inside the focus.</summary>
    private (long X, long Y) FindInteriorPoint(SyntheticFocus focus)
    {
        var (minX, minY) = (focus.Outline.Min(p => p.X), focus.Outline.Min(p => p.Y));
        var (maxX, maxY) = (focus.Outline.Max(p => p.X), focus.Outline.Max(p => p.Y));
        var candidates = Grid(minX, minY, maxX, maxY, 40);
        return candidates.First(corner => RegionIs(corner, TissueCompartment.Tumour));
    }

    private (long X, long Y) FindRegion(TissueCompartment compartment) =>
        Grid(0, 0, 8192 - RegionSide, 8192 - RegionSide, 64).First(corner => RegionIs(corner, compartment));

    private bool RegionIs((long X, long Y) corner, TissueCompartment compartment)
    {
        for (var dy = 0; dy <= RegionSide; dy += RegionSide / 4)
        {
            for (var dx = 0; dx <= RegionSide; dx += RegionSide / 4)
            {
                if (Result.Plan.CompartmentAt(corner.X + dx, corner.Y + dy) != compartment)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IEnumerable<(long X, long Y)> Grid(double minX, double minY, double maxX, double maxY, int steps)
    {
        for (var j = 0; j <= steps; j++)
        {
            for (var i = 0; i <= steps; i++)
            {
                yield return ((long)(minX + (maxX - minX) * i / steps), (long)(minY + (maxY - minY) * j / steps));
            }
        }
    }

    private static double[] MeanColour(RgbImage image)
    {
        var sums = new double[3];
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            sums[i % 3] += image.Pixels[i];
        }

        return [.. sums.Select(sum => sum / (image.Width * image.Height))];
    }

    private static string Format(double[] rgb) => $"({rgb[0]:F0}, {rgb[1]:F0}, {rgb[2]:F0})";

    private static List<double> ReadGreatestDimensions(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("features").EnumerateArray()
            .Select(feature => feature.GetProperty("properties").GetProperty("greatestDimensionMicrons").GetDouble())];
    }
}
