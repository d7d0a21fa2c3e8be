using System.Text.Json;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Slides;
using BladderLnAi.Training.Annotations;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Finds and reads the ground truth beside a slide: <c>NAME.geojson</c> (GeoJSON) or <c>NAME.xml</c> (ASAP XML),
/// where NAME is the slide's file name with or without its extension.
/// </summary>
public static class GroundTruthFiles
{
    private static readonly string[] Extensions = [".geojson", ".xml"];

    /// <summary>Returns the ground-truth file beside <paramref name="slidePath"/>, or null when there is none.</summary>
    public static string? Find(string slidePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slidePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(slidePath)) ?? ".";
        var names = new[] { Path.GetFileNameWithoutExtension(slidePath), Path.GetFileName(slidePath) };
        foreach (var extension in Extensions)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the slides at the top level of <paramref name="directory"/> that have ground truth beside them, with
    /// their ground-truth files, sorted by file name.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<(string SlidePath, string TruthPath)> FindSlides(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Slide folder '{directory}' was not found.");
        }

        return Directory.EnumerateFiles(directory)
            .Where(path => SlideCatalog.SlideExtensions.Contains(Path.GetExtension(path)))
            .Order(StringComparer.Ordinal)
            .Select(path => (SlidePath: path, TruthPath: Find(path)))
            .Where(pair => pair.TruthPath is not null)
            .Select(pair => (pair.SlidePath, pair.TruthPath!))
            .ToList();
    }

    /// <summary>Reads the tumour regions of a GeoJSON or ASAP XML file, chosen by its extension.</summary>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public static IReadOnlyList<AnnotatedRegion> ReadRegions(string truthPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(truthPath);
        return Path.GetExtension(truthPath).Equals(".xml", StringComparison.OrdinalIgnoreCase)
            ? AsapAnnotations.Read(truthPath)
            : GeoJsonAnnotations.Read(truthPath);
    }

    /// <summary>
    /// Reads the foci of a ground-truth file. A GeoJSON Polygon feature may declare its size in the properties
    /// <c>sizeClass</c> (itc, micro or macro) and <c>greatestDimensionMicrons</c>, as synthetic slides do, and those
    /// values are used. Every other focus is sized by the maximum Feret diameter of its outline times
    /// <paramref name="micronsPerPixel"/>, and its size stays unknown when that is null.
    /// </summary>
    public static IReadOnlyList<GroundTruthFocus> ReadFoci(string truthPath, double? micronsPerPixel)
    {
        var regions = ReadRegions(truthPath);
        var declared = Path.GetExtension(truthPath).Equals(".xml", StringComparison.OrdinalIgnoreCase)
            ? new Dictionary<PointD, DeclaredSize>()
            : ReadDeclaredSizes(truthPath);
        return ToFoci(regions, micronsPerPixel, declared);
    }

    /// <summary>
    /// Turns regions into foci. A region whose first outline point is a key of <paramref name="declared"/> takes that
    /// size, every other one is measured.
    /// </summary>
    public static IReadOnlyList<GroundTruthFocus> ToFoci(
        IReadOnlyList<AnnotatedRegion> regions,
        double? micronsPerPixel,
        IReadOnlyDictionary<PointD, DeclaredSize> declared)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(declared);
        return regions
            .Select((region, index) =>
            {
                if (region.Outer.Count > 0 && declared.TryGetValue(region.Outer[0], out var size))
                {
                    return new GroundTruthFocus(index, region.Outer, size.SizeClass, size.GreatestDimensionMicrons);
                }

                double? microns = micronsPerPixel is { } mpp ? PolygonGeometry.MaxFeretDiameter(region.Outer) * mpp : null;
                return new GroundTruthFocus(index, region.Outer, SizeClassification.Classify(microns), microns);
            })
            .ToList();
    }

    /// <summary>
    /// Reads the declared sizes of the Polygon features of a GeoJSON file, keyed by the first point of the outer
    /// ring. Features without a valid <c>sizeClass</c> are left out.
    /// </summary>
    public static IReadOnlyDictionary<PointD, DeclaredSize> ReadDeclaredSizes(string geoJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(geoJsonPath));
        var sizes = new Dictionary<PointD, DeclaredSize>();
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("features", out var features)
            || features.ValueKind != JsonValueKind.Array)
        {
            return sizes;
        }

        foreach (var feature in features.EnumerateArray())
        {
            if (TryReadDeclaredSize(feature, out var firstPoint, out var size))
            {
                sizes[firstPoint] = size;
            }
        }

        return sizes;
    }

    private static bool TryReadDeclaredSize(JsonElement feature, out PointD firstPoint, out DeclaredSize size)
    {
        firstPoint = default;
        size = default;
        if (feature.ValueKind != JsonValueKind.Object
            || !feature.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("sizeClass", out var code)
            || code.ValueKind != JsonValueKind.String
            || ParseSizeClass(code.GetString()) is not { } sizeClass
            || !feature.TryGetProperty("geometry", out var geometry)
            || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "Polygon"
            || !geometry.TryGetProperty("coordinates", out var rings)
            || rings.ValueKind != JsonValueKind.Array
            || rings.GetArrayLength() == 0
            || rings[0].ValueKind != JsonValueKind.Array
            || rings[0].GetArrayLength() == 0)
        {
            return false;
        }

        var position = rings[0][0];
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number
            || !position[0].TryGetDouble(out var x) || !position[1].TryGetDouble(out var y))
        {
            return false;
        }

        double? microns = properties.TryGetProperty("greatestDimensionMicrons", out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;
        firstPoint = new PointD(x, y);
        size = new DeclaredSize(sizeClass, microns);
        return true;
    }

    private static SizeClass? ParseSizeClass(string? code) => code?.ToLowerInvariant() switch
    {
        "itc" => SizeClass.IsolatedTumourCells,
        "micro" => SizeClass.Micrometastasis,
        "macro" => SizeClass.Macrometastasis,
        _ => null,
    };
}

/// <summary>A focus size stated in a ground-truth file.</summary>
public readonly record struct DeclaredSize(SizeClass SizeClass, double? GreatestDimensionMicrons);
