using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Tests;
using BladderLnAi.Training.Annotations;

namespace BladderLnAi.Training.Tests.Annotations;

[Trait("Category", "Model")]
public sealed class GeoJsonAnnotationsTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempDirectory("geojson-annotations");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_PolygonWithHole_ReturnsOuterAndHole()
    {
        var path = Write("""
            {
              "type": "FeatureCollection",
              "features": [{
                "type": "Feature",
                "geometry": {
                  "type": "Polygon",
                  "coordinates": [
                    [[10, 10], [90, 10], [90, 90], [10, 90], [10, 10]],
                    [[30, 30], [50, 30], [50, 50], [30, 50], [30, 30]]
                  ]
                },
                "properties": { "objectType": "annotation", "classification": { "name": "Tumor", "color": [200, 0, 0] } }
              }]
            }
            """);

        var regions = GeoJsonAnnotations.Read(path);

        var region = Assert.Single(regions);
        Assert.Equal("Tumor", region.ClassName);
        Assert.Equal([new PointD(10, 10), new PointD(90, 10), new PointD(90, 90), new PointD(10, 90)], region.Outer);
        var hole = Assert.Single(region.Holes);
        Assert.Equal(4, hole.Count);
        Assert.Equal(6000, AnnotationRasterizer.Rasterize(regions, 1, 100, 100).Count());
    }

    [Fact]
    public void Read_MultiPolygon_ReturnsRegionPerPart()
    {
        var path = Write("""
            {
              "type": "Feature",
              "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                  [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
                  [[[20, 0], [40, 0], [40, 20], [20, 20], [20, 0]], [[25, 5], [35, 5], [35, 15], [25, 15], [25, 5]]]
                ]
              },
              "properties": { "classification": { "name": "Metastasis" } }
            }
            """);

        var regions = GeoJsonAnnotations.Read(path);

        Assert.Equal(2, regions.Count);
        Assert.Empty(regions[0].Holes);
        Assert.Single(regions[1].Holes);
        Assert.All(regions, region => Assert.Equal("Metastasis", region.ClassName));
        Assert.Equal(100 + 400 - 100, AnnotationRasterizer.Rasterize(regions, 1, 50, 50).Count());
    }

    [Fact]
    public void Read_BareFeatureArray_KeepsTumourAndUnclassified()
    {
        var path = Write("""
            [
              { "type": "Feature", "properties": { "classification": { "name": "Tumour" } },
                "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 0]]] } },
              { "type": "Feature", "properties": { "classification": { "name": "Stroma" } },
                "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [5, 0], [5, 5], [0, 0]]] } },
              { "type": "Feature", "properties": { "classification": { "name": "Non-tumor" } },
                "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [6, 0], [6, 6], [0, 0]]] } },
              { "type": "Feature", "properties": { "objectType": "annotation" },
                "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [7, 0], [7, 7], [0, 0]]] } },
              { "type": "Feature", "properties": { "classification": { "name": "tumor: positive" } },
                "geometry": { "type": "Point", "coordinates": [3, 3] } }
            ]
            """);

        var regions = GeoJsonAnnotations.Read(path);

        Assert.Equal(2, regions.Count);
        Assert.Equal("Tumour", regions[0].ClassName);
        Assert.Null(regions[1].ClassName);
        Assert.Equal(new PointD(7, 0), regions[1].Outer[1]);
    }

    [Fact]
    public void Read_InvalidJson_ThrowsInvalidData()
    {
        var path = Write("{ \"type\": \"FeatureCollection\", ");

        var exception = Assert.Throws<InvalidDataException>(() => GeoJsonAnnotations.Read(path));

        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public void Read_PositionWithoutNumbers_ThrowsInvalidData()
    {
        var path = Write("""
            { "type": "Feature", "geometry": { "type": "Polygon", "coordinates": [[[0, 0], ["a", 1], [4, 4]]] } }
            """);

        var exception = Assert.Throws<InvalidDataException>(() => GeoJsonAnnotations.Read(path));

        Assert.Contains("feature 0", exception.Message);
    }

    [Theory]
    [InlineData("Tumor", true)]
    [InlineData("tumour region", true)]
    [InlineData("Metastases", true)]
    [InlineData("Non-tumor", false)]
    [InlineData("NonTumour", false)]
    [InlineData("not tumor", false)]
    [InlineData("Stroma", false)]
    public void IsTumour_ClassNames(string name, bool expected)
    {
        Assert.Equal(expected, TumourClassNames.IsTumour(name));
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, json);
        return path;
    }
}
