using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Tests;
using BladderLnAi.Training.Annotations;

namespace BladderLnAi.Training.Tests.Annotations;

[Trait("Category", "Model")]
public sealed class AsapAnnotationsTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempDirectory("asap-annotations");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_ExclusionGroup_BecomesHole()
    {
        // Two CAMELYON16 tumour annotations (groups _0 and _1) and one exclusion (group _2) inside the first.
        var path = Write("""
            <?xml version="1.0"?>
            <ASAP_Annotations>
              <Annotations>
                <Annotation Name="Annotation 0" Type="Polygon" PartOfGroup="_0" Color="#F4FA58">
                  <Coordinates>
                    <Coordinate Order="0" X="10" Y="10" />
                    <Coordinate Order="1" X="90" Y="10" />
                    <Coordinate Order="2" X="90" Y="90" />
                    <Coordinate Order="3" X="10" Y="90" />
                  </Coordinates>
                </Annotation>
                <Annotation Name="Annotation 1" Type="Polygon" PartOfGroup="_2" Color="#64FE2E">
                  <Coordinates>
                    <Coordinate Order="0" X="30" Y="30" />
                    <Coordinate Order="1" X="50" Y="30" />
                    <Coordinate Order="2" X="50" Y="50" />
                    <Coordinate Order="3" X="30" Y="50" />
                  </Coordinates>
                </Annotation>
                <Annotation Name="Annotation 2" Type="Spline" PartOfGroup="_1" Color="#F4FA58">
                  <Coordinates>
                    <Coordinate Order="0" X="200" Y="200" />
                    <Coordinate Order="1" X="210" Y="200" />
                    <Coordinate Order="2" X="210" Y="210" />
                    <Coordinate Order="3" X="200" Y="210" />
                  </Coordinates>
                </Annotation>
              </Annotations>
              <AnnotationGroups>
                <Group Name="_0" PartOfGroup="None" Color="#FF0000"><Attributes /></Group>
                <Group Name="_1" PartOfGroup="None" Color="#FF0000"><Attributes /></Group>
                <Group Name="_2" PartOfGroup="None" Color="#00FF00"><Attributes /></Group>
              </AnnotationGroups>
            </ASAP_Annotations>
            """);

        var regions = AsapAnnotations.Read(path);

        Assert.Equal(2, regions.Count);
        Assert.Equal("_0", regions[0].ClassName);
        Assert.Single(regions[0].Holes);
        Assert.Equal("_1", regions[1].ClassName);
        Assert.Empty(regions[1].Holes);
        Assert.Equal(6000 + 100, AnnotationRasterizer.Rasterize(regions, 1, 256, 256).Count());
    }

    [Fact]
    public void Read_NamedExclusionGroup_BecomesHole()
    {
        var path = Write("""
            <ASAP_Annotations>
              <Annotations>
                <Annotation Name="a" Type="Rectangle" PartOfGroup="metastases">
                  <Coordinates>
                    <Coordinate Order="0" X="0" Y="0" /><Coordinate Order="1" X="10" Y="0" />
                    <Coordinate Order="2" X="10" Y="10" /><Coordinate Order="3" X="0" Y="10" />
                  </Coordinates>
                </Annotation>
                <Annotation Name="b" Type="Polygon" PartOfGroup="Exclusion">
                  <Coordinates>
                    <Coordinate Order="0" X="5" Y="5" /><Coordinate Order="1" X="15" Y="5" />
                    <Coordinate Order="2" X="15" Y="15" /><Coordinate Order="3" X="5" Y="15" />
                  </Coordinates>
                </Annotation>
              </Annotations>
            </ASAP_Annotations>
            """);

        var regions = AsapAnnotations.Read(path);

        var region = Assert.Single(regions);
        Assert.Equal("metastases", region.ClassName);
        Assert.Equal(100 - 25, AnnotationRasterizer.Rasterize(regions, 1, 20, 20).Count());
    }

    [Fact]
    public void Read_CoordinatesOutOfOrder_SortsByOrder()
    {
        var path = Write("""
            <ASAP_Annotations><Annotations>
              <Annotation Name="a" Type="Polygon" PartOfGroup="None"><Coordinates>
                <Coordinate Order="2" X="1.5e1" Y="10" />
                <Coordinate Order="0" X="0" Y="0" />
                <Coordinate Order="1" X="10.5" Y="0" />
              </Coordinates></Annotation>
            </Annotations></ASAP_Annotations>
            """);

        var region = Assert.Single(AsapAnnotations.Read(path));

        Assert.Null(region.ClassName);
        Assert.Equal([new PointD(0, 0), new PointD(10.5, 0), new PointD(15, 10)], region.Outer);
    }

    [Fact]
    public void Read_OtherRootElement_ThrowsInvalidData()
    {
        var path = Write("<Annotations />");

        var exception = Assert.Throws<InvalidDataException>(() => AsapAnnotations.Read(path));

        Assert.Contains("ASAP_Annotations", exception.Message);
    }

    [Fact]
    public void Read_BadCoordinate_NamesAnnotation()
    {
        var path = Write("""
            <ASAP_Annotations><Annotations>
              <Annotation Name="broken" Type="Polygon"><Coordinates>
                <Coordinate Order="0" X="1,5" Y="0" />
              </Coordinates></Annotation>
            </Annotations></ASAP_Annotations>
            """);

        var exception = Assert.Throws<InvalidDataException>(() => AsapAnnotations.Read(path));

        Assert.Contains("'broken'", exception.Message);
        Assert.Contains("X=\"1,5\"", exception.Message);
    }

    private string Write(string xml)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, xml);
        return path;
    }
}
