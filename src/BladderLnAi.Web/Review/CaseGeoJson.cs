using System.Text.Json;
using System.Text.Json.Nodes;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Data.Cases;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Case findings as GeoJSON that QuPath (0.3 and later) imports as annotations, and QuPath annotations read back as
/// findings. Coordinates are level-0 pixels at full double precision, so an exported file imported into a slide with
/// the same microns per pixel exports again byte for byte.
/// </summary>
public static class CaseGeoJson
{
    public const string GreatestDimensionMeasurement = "Greatest dimension (um)";
    public const string AreaMeasurement = "Area (mm2)";
    public const string MaximumProbabilityMeasurement = "Max probability";
    public const string MeanProbabilityMeasurement = "Mean probability";

    /// <summary>Most features one import accepts.</summary>
    public const int MaximumFeatures = 5000;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Returns a FeatureCollection of the findings, in the order given.</summary>
    public static string Write(IEnumerable<CaseFinding> findings)
    {
        var features = new JsonArray();
        foreach (var finding in findings)
        {
            features.Add(Feature(finding));
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(Indented);
    }

    /// <summary>Returns the display name of a finding, as in the findings table and QuPath.</summary>
    public static string NameOf(CaseFinding finding) => finding.Name
        ?? (finding.Origin == FindingOrigin.Ai && finding.SourceFindingNumber is { } number ? $"AI finding {number}" : $"Finding {finding.Id}");

    /// <summary>
    /// Reads the annotations of a GeoJSON FeatureCollection, a single Feature or an array of Features (as QuPath
    /// exports them). Each polygon's outer ring becomes one finding; detections and cells are skipped.
    /// </summary>
    /// <exception cref="ReviewException">The document is not GeoJSON, or a feature has no usable polygon.</exception>
    public static GeoJsonImport Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw ReviewException.Invalid($"The file is not valid JSON ({ex.Message}); export the annotations from QuPath as GeoJSON.");
        }

        var features = root switch
        {
            JsonArray array => array,
            JsonObject { } o when (string?)o["type"] == "FeatureCollection" && o["features"] is JsonArray array => array,
            JsonObject { } o when (string?)o["type"] == "Feature" => new JsonArray(o.DeepClone()),
            _ => throw ReviewException.Invalid("The file is not a GeoJSON FeatureCollection, Feature or array of Features."),
        };
        if (features.Count > MaximumFeatures)
        {
            throw ReviewException.Invalid($"The file has {features.Count} features; import at most {MaximumFeatures} at once.");
        }

        var findings = new List<FindingReviewService.NewFinding>();
        var skipped = 0;
        for (var index = 0; index < features.Count; index++)
        {
            var read = ReadFeature(features[index] as JsonObject, index);
            skipped += read.Count == 0 ? 1 : 0;
            findings.AddRange(read);
        }

        return new GeoJsonImport(findings, skipped);
    }

    private static JsonObject Feature(CaseFinding finding)
    {
        var ring = new JsonArray();
        foreach (var point in finding.Outline.Append(finding.Outline[0]))
        {
            ring.Add(new JsonArray(point.X, point.Y));
        }

        var sizeClass = ParseSizeClass(finding.SizeClass);
        var measurements = new JsonObject();
        AddMeasurement(measurements, GreatestDimensionMeasurement, finding.GreatestDimensionMicrons);
        AddMeasurement(measurements, AreaMeasurement, finding.AreaSquareMillimetres);
        AddMeasurement(measurements, MaximumProbabilityMeasurement, finding.MaximumProbability);
        AddMeasurement(measurements, MeanProbabilityMeasurement, finding.MeanProbability);
        var colour = new JsonArray();
        foreach (var channel in GeoJsonWriter.ClassColour(sizeClass))
        {
            colour.Add(channel);
        }

        return new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) },
            ["properties"] = new JsonObject
            {
                ["objectType"] = "annotation",
                ["name"] = NameOf(finding),
                ["classification"] = new JsonObject { ["name"] = sizeClass.DisplayName(), ["color"] = colour },
                ["measurements"] = measurements,
            },
        };
    }

    private static void AddMeasurement(JsonObject measurements, string name, double? value)
    {
        // QuPath stores measurements as numbers, so an unknown size is NaN there; GeoJSON has no NaN, so it is left out.
        if (value is { } number)
        {
            measurements[name] = number;
        }
    }

    private static List<FindingReviewService.NewFinding> ReadFeature(JsonObject? feature, int index)
    {
        var properties = feature?["properties"] as JsonObject;
        var objectType = (string?)properties?["objectType"] ?? "annotation";
        if (feature is null || objectType != "annotation")
        {
            return [];
        }

        var geometry = feature["geometry"] as JsonObject;
        var polygons = (string?)geometry?["type"] switch
        {
            "Polygon" => [geometry!["coordinates"] as JsonArray],
            "MultiPolygon" => (geometry!["coordinates"] as JsonArray ?? []).Select(node => node as JsonArray).ToList(),
            var type => throw ReviewException.Invalid(
                $"Feature {index + 1} has geometry '{type ?? "none"}'; only Polygon and MultiPolygon annotations can become findings."),
        };

        var name = (string?)properties?["name"];
        var measurements = properties?["measurements"] as JsonObject;
        var maximum = ReadProbability(measurements, MaximumProbabilityMeasurement);
        var mean = ReadProbability(measurements, MeanProbabilityMeasurement);

        // NOTE: holes (inner rings) are dropped, because a finding has one outline; a deposit with a hole is
        // measured as if it were filled.
        return polygons
            .Select(rings => new FindingReviewService.NewFinding(ReadRing(rings?.FirstOrDefault() as JsonArray, index), name, maximum, mean))
            .ToList();
    }

    private static IReadOnlyList<PointD> ReadRing(JsonArray? ring, int index)
    {
        if (ring is null)
        {
            throw ReviewException.Invalid($"Feature {index + 1} has a polygon without coordinates.");
        }

        var points = new List<double[]>(ring.Count);
        foreach (var node in ring)
        {
            if (node is not JsonArray { Count: >= 2 } pair
                || pair[0] is not JsonValue xValue || !xValue.TryGetValue<double>(out var x)
                || pair[1] is not JsonValue yValue || !yValue.TryGetValue<double>(out var y))
            {
                throw ReviewException.Invalid($"Feature {index + 1} has a coordinate that is not an [x, y] pair of numbers.");
            }

            points.Add([x, y]);
        }

        var outline = OutlineJson.FromArrays(points);
        return outline.Count > 1 && outline[0] == outline[^1] ? outline.Take(outline.Count - 1).ToList() : outline;
    }

    private static float? ReadProbability(JsonObject? measurements, string name) =>
        measurements?[name] is JsonValue value && value.TryGetValue<double>(out var number) && number is >= 0 and <= 1
            ? (float)number
            : null;

    public static SizeClass ParseSizeClass(string code) =>
        Enum.GetValues<SizeClass>().FirstOrDefault(sizeClass => sizeClass.Code() == code);
}

/// <summary>The findings read from a GeoJSON file, and how many features were skipped as not annotations.</summary>
public sealed record GeoJsonImport(IReadOnlyList<FindingReviewService.NewFinding> Findings, int SkippedFeatures);
