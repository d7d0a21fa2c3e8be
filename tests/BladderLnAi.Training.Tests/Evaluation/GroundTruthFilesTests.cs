using BladderLnAi.Analysis.Findings;
using BladderLnAi.Tests;
using BladderLnAi.Training.Evaluation;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class GroundTruthFilesTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("ground-truth");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Find_GeoJsonWithoutSlideExtension_ReturnsIt()
    {
        var slide = Touch("a.svs");
        var truth = Touch("a.geojson");

        Assert.Equal(truth, GroundTruthFiles.Find(slide));
    }

    [Fact]
    public void Find_AsapWithSlideExtension_ReturnsIt()
    {
        var slide = Touch("b.svs");
        var truth = Touch("b.svs.xml");

        Assert.Equal(truth, GroundTruthFiles.Find(slide));
    }

    [Fact]
    public void FindSlides_SkipsSlidesWithoutTruth()
    {
        Touch("a.svs");
        Touch("a.geojson");
        Touch("c.svs");
        Touch("notes.txt");

        var slides = GroundTruthFiles.FindSlides(_directory);

        var (slidePath, _) = Assert.Single(slides);
        Assert.Equal("a.svs", Path.GetFileName(slidePath));
    }

    [Fact]
    public void ReadFoci_DeclaredSizes_AreUsed()
    {
        // The first square is declared isolated tumour cells. The second declares nothing and is 800 x 600 px, whose
        // diagonal of 1000 px is 250 um at 0.25 um/px, a micrometastasis.
        var path = Write("d.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"sizeClass": "itc", "greatestDimensionMicrons": 150.5},
               "geometry": {"type": "Polygon", "coordinates": [[[10, 10], [20, 10], [20, 20], [10, 20], [10, 10]]]}},
              {"type": "Feature", "properties": {},
               "geometry": {"type": "Polygon", "coordinates": [[[1000, 0], [1800, 0], [1800, 600], [1000, 600], [1000, 0]]]}}
            ]}
            """);

        var foci = GroundTruthFiles.ReadFoci(path, 0.25);

        Assert.Equal(2, foci.Count);
        Assert.Equal(SizeClass.IsolatedTumourCells, foci[0].SizeClass);
        Assert.Equal(150.5, foci[0].GreatestDimensionMicrons);
        Assert.Equal(SizeClass.Micrometastasis, foci[1].SizeClass);
        Assert.Equal(250, foci[1].GreatestDimensionMicrons!.Value, precision: 9);
    }

    [Fact]
    public void ReadFoci_NoScale_LeavesSizeUnknown()
    {
        var path = Write("e.geojson", """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
              "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [8, 0], [8, 6], [0, 0]]]}}]}
            """);

        var focus = Assert.Single(GroundTruthFiles.ReadFoci(path, null));

        Assert.Equal(SizeClass.Unknown, focus.SizeClass);
        Assert.Null(focus.GreatestDimensionMicrons);
    }

    [Fact]
    public void ReadFoci_AsapXml_MeasuresOutline()
    {
        var path = Write("f.xml", """
            <?xml version="1.0"?>
            <ASAP_Annotations>
              <Annotations>
                <Annotation Name="Annotation 0" Type="Polygon" PartOfGroup="Tumor">
                  <Coordinates>
                    <Coordinate Order="0" X="0" Y="0" />
                    <Coordinate Order="1" X="12000" Y="0" />
                    <Coordinate Order="2" X="12000" Y="16000" />
                    <Coordinate Order="3" X="0" Y="16000" />
                  </Coordinates>
                </Annotation>
              </Annotations>
              <AnnotationGroups><Group Name="Tumor" PartOfGroup="None" /></AnnotationGroups>
            </ASAP_Annotations>
            """);

        var focus = Assert.Single(GroundTruthFiles.ReadFoci(path, 0.25));

        // Diagonal 20000 px at 0.25 um/px: 5 mm.
        Assert.Equal(SizeClass.Macrometastasis, focus.SizeClass);
        Assert.Equal(5000, focus.GreatestDimensionMicrons!.Value, precision: 9);
    }

    private string Touch(string name) => Write(name, "");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
