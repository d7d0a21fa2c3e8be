using System.Xml.Linq;
using BladderLnAi.Slides;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class DziDescriptorTests
{
    private static readonly XNamespace DeepZoom = "http://schemas.microsoft.com/deepzoom/2008";

    [Fact]
    public void ToXml_WritesDziAttributes()
    {
        var layout = new DeepZoomLayout(2220, 2967, tileSize: 254, overlap: 1);

        var xml = DziDescriptor.ToXml(layout);
        var image = XDocument.Parse(xml).Root!;

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", xml);
        Assert.Equal(DeepZoom + "Image", image.Name);
        Assert.Equal("254", image.Attribute("TileSize")?.Value);
        Assert.Equal("1", image.Attribute("Overlap")?.Value);
        Assert.Equal("jpeg", image.Attribute("Format")?.Value);
        Assert.Equal("2220", image.Element(DeepZoom + "Size")?.Attribute("Width")?.Value);
        Assert.Equal("2967", image.Element(DeepZoom + "Size")?.Attribute("Height")?.Value);
    }

    [Fact]
    public void ToXml_UsesGivenFormat()
    {
        var layout = new DeepZoomLayout(10, 10, tileSize: 256, overlap: 0);

        var image = XDocument.Parse(DziDescriptor.ToXml(layout, "png")).Root!;

        Assert.Equal("png", image.Attribute("Format")?.Value);
        Assert.Equal("0", image.Attribute("Overlap")?.Value);
    }
}
