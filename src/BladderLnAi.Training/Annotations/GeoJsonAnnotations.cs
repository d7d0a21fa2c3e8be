using System.Text.Json;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Annotations;

/// <summary>
/// Reads tumour annotations from GeoJSON as QuPath exports it: polygons in level-0 pixel coordinates with the
/// class in <c>properties.classification.name</c>.
/// </summary>
public static class GeoJsonAnnotations
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Reads the tumour regions of a GeoJSON file: a FeatureCollection, a bare array of features, a single Feature
    /// or a bare geometry.
    /// </summary>
    /// <remarks>
    /// A feature counts as tumour when its classification name passes <see cref="TumourClassNames.IsTumour"/> or
    /// when it has no classification, because unclassified exports usually hold only the tumour outlines. Each
    /// Polygon becomes one region, and each part of a MultiPolygon or GeometryCollection becomes its own region.
    /// Points and lines are skipped, and so are rings with fewer than three distinct points, which enclose no area.
    /// </remarks>
    /// <exception cref="InvalidDataException">The file is not JSON or has a malformed feature or geometry.</exception>
    public static IReadOnlyList<AnnotatedRegion> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Annotation file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var regions = new List<AnnotatedRegion>();
            foreach (var (feature, index) in Features(document.RootElement, path))
            {
                ReadFeature(feature, $"'{path}' feature {index}", regions);
            }

            return regions;
        }
    }

    private static IEnumerable<(JsonElement Feature, int Index)> Features(JsonElement root, string path)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray().Select((feature, index) => (feature, index));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException(
                $"Annotation file '{path}' holds a JSON {root.ValueKind}; expected a FeatureCollection, "
                + "an array of features or a Feature.");
        }

        if (TypeOf(root) == "FeatureCollection")
        {
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"Annotation file '{path}': the FeatureCollection has no 'features' array.");
            }

            return features.EnumerateArray().Select((feature, index) => (feature, index));
        }

        return [(root, 0)];
    }

    private static void ReadFeature(JsonElement feature, string location, List<AnnotatedRegion> regions)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Annotation file {location} is a JSON {feature.ValueKind}, not an object.");
        }

        // A bare geometry is read like a feature without properties.
        var geometry = TypeOf(feature) == "Feature" ? feature.GetPropertyOrDefault("geometry") : feature;
        var className = ClassName(feature.GetPropertyOrDefault("properties"));
        if (className is not null && !TumourClassNames.IsTumour(className))
        {
            return;
        }

        if (geometry is { ValueKind: JsonValueKind.Object } value)
        {
            ReadGeometry(value, className, location, regions);
        }
    }

    private static string? ClassName(JsonElement? properties)
    {
        if (properties is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("classification", out var classification))
        {
            return null;
        }

        return classification.ValueKind switch
        {
            JsonValueKind.String => classification.GetString(),
            JsonValueKind.Object when classification.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String => name.GetString(),
            JsonValueKind.Object when classification.TryGetProperty("names", out var names)
                && names.ValueKind == JsonValueKind.Array => string.Join(": ", names.EnumerateArray().Select(n => n.ToString())),
            _ => null,
        };
    }

    private static void ReadGeometry(JsonElement geometry, string? className, string location, List<AnnotatedRegion> regions)
    {
        switch (TypeOf(geometry))
        {
            case "Polygon":
                AddPolygon(Coordinates(geometry, location), className, location, regions);
                break;
            case "MultiPolygon":
                foreach (var polygon in Coordinates(geometry, location).EnumerateArray())
                {
                    AddPolygon(polygon, className, location, regions);
                }

                break;
            case "GeometryCollection":
                if (geometry.TryGetProperty("geometries", out var geometries) && geometries.ValueKind == JsonValueKind.Array)
                {
                    foreach (var part in geometries.EnumerateArray())
                    {
                        ReadGeometry(part, className, location, regions);
                    }
                }

                break;
            default:
                // Points and lines enclose no area.
                break;
        }
    }

    private static JsonElement Coordinates(JsonElement geometry, string location)
    {
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException(
                $"Annotation file {location}: the {TypeOf(geometry)} has no 'coordinates' array.");
        }

        return coordinates;
    }

    private static void AddPolygon(JsonElement polygon, string? className, string location, List<AnnotatedRegion> regions)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"Annotation file {location}: a polygon must be a non-empty array of rings.");
        }

        var rings = polygon.EnumerateArray().Select(ring => ReadRing(ring, location)).ToList();
        if (rings[0].Count < 3)
        {
            return;
        }

        var holes = rings.Skip(1).Where(ring => ring.Count >= 3).ToList();
        regions.Add(new AnnotatedRegion(rings[0], holes, className));
    }

    /// <summary>Reads a ring's positions and drops the closing position and repeated neighbours.</summary>
    private static IReadOnlyList<PointD> ReadRing(JsonElement ring, string location)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"Annotation file {location}: a ring must be an array of positions.");
        }

        var points = new List<PointD>(ring.GetArrayLength());
        foreach (var position in ring.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number
                || !position[0].TryGetDouble(out var x) || !position[1].TryGetDouble(out var y))
            {
                throw new InvalidDataException(
                    $"Annotation file {location}: position {position} is not an array of two numbers.");
            }

            var point = new PointD(x, y);
            if (points.Count == 0 || points[^1] != point)
            {
                points.Add(point);
            }
        }

        if (points.Count > 1 && points[0] == points[^1])
        {
            points.RemoveAt(points.Count - 1);
        }

        return points;
    }

    private static string? TypeOf(JsonElement element) =>
        element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static JsonElement? GetPropertyOrDefault(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;
}
