using System.Xml.Linq;

namespace BladderLnAi.Slides;

/// <summary>
/// Writes the Deep Zoom image descriptor (the <c>.dzi</c> XML) that viewers such as OpenSeadragon load first.
/// </summary>
public static class DziDescriptor
{
    private static readonly XNamespace DeepZoomNamespace = "http://schemas.microsoft.com/deepzoom/2008";

    /// <summary>
    /// Returns the DZI XML of a layout, with an XML declaration for UTF-8.
    /// </summary>
    /// <param name="layout">Pyramid whose tile size, overlap and full size are written.</param>
    /// <param name="format">Tile file extension, such as "jpeg" or "png".</param>
    public static string ToXml(DeepZoomLayout layout, string format = "jpeg")
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);

        var image = new XElement(
            DeepZoomNamespace + "Image",
            new XAttribute("TileSize", layout.TileSize),
            new XAttribute("Overlap", layout.Overlap),
            new XAttribute("Format", format),
            new XElement(
                DeepZoomNamespace + "Size",
                new XAttribute("Width", layout.Width),
                new XAttribute("Height", layout.Height)));

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + image.ToString(SaveOptions.DisableFormatting);
    }
}
