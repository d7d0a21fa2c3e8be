using System.Globalization;
using System.Xml.Linq;
using BladderLnAi.Slides;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>One slide as both servers describe it: its id and its Deep Zoom pyramid.</summary>
public sealed record SlidePyramid(string Id, string FileName, DeepZoomLayout Layout)
{
    private static readonly XNamespace DeepZoomNamespace = "http://schemas.microsoft.com/deepzoom/2008";

    /// <summary>Number of tiles over all levels.</summary>
    public int TileCount => Enumerable.Range(0, Layout.LevelCount)
        .Sum(level => Layout.GetTileCount(level).Columns * Layout.GetTileCount(level).Rows);

    /// <summary>Returns the URL path of one tile, the same on both servers.</summary>
    public static string TilePath(string slideId, int level, int column, int row) =>
        string.Create(CultureInfo.InvariantCulture, $"dzi/{slideId}_files/{level}/{column}_{row}.jpeg");

    /// <summary>Parses a DZI descriptor into a layout.</summary>
    /// <exception cref="InvalidDataException">The descriptor lacks the size, tile size or overlap.</exception>
    public static DeepZoomLayout ParseDescriptor(string xml, string source)
    {
        var image = XElement.Parse(xml);
        var size = image.Element(DeepZoomNamespace + "Size")
            ?? throw new InvalidDataException($"The DZI descriptor from {source} has no Size element:\n{xml}");
        return new DeepZoomLayout(
            ReadNumber(size, "Width", source),
            ReadNumber(size, "Height", source),
            (int)ReadNumber(image, "TileSize", source),
            (int)ReadNumber(image, "Overlap", source));
    }

    private static long ReadNumber(XElement element, string attribute, string source)
    {
        var text = element.Attribute(attribute)?.Value
            ?? throw new InvalidDataException($"The DZI descriptor from {source} has no {attribute} attribute.");
        return long.Parse(text, CultureInfo.InvariantCulture);
    }
}
