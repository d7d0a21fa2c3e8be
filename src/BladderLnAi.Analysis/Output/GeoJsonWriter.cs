using System.Text.Json;
using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Analysis.Output;

/// <summary>
/// Writes findings as a GeoJSON FeatureCollection that QuPath (0.3 and later) imports as annotations: polygons in
/// level-0 pixel coordinates, a classification named after the AJCC size class, and measurements.
/// </summary>
public static class GeoJsonWriter
{
    public static void Write(Stream stream, IReadOnlyList<Finding> findings, string slideId, string modelVersion)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var finding in findings)
        {
            WriteFeature(writer, finding, slideId, modelVersion);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFeature(Utf8JsonWriter writer, Finding finding, string slideId, string modelVersion)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", $"{slideId}-finding-{finding.Id}");
        WriteGeometry(writer, finding);
        writer.WriteStartObject("properties");
        writer.WriteString("objectType", "annotation");
        writer.WriteString("name", $"AI finding {finding.Id}");
        writer.WriteStartObject("classification");
        writer.WriteString("name", finding.SizeClass.DisplayName());
        writer.WriteStartArray("color");
        foreach (var channel in ClassColour(finding.SizeClass))
        {
            writer.WriteNumberValue(channel);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("measurements");
        WriteOptional(writer, "Greatest dimension (um)", finding.GreatestDimensionMicrons);
        WriteOptional(writer, "Area (mm2)", finding.AreaSquareMillimetres);
        writer.WriteNumber("Max probability", Math.Round(finding.MaximumProbability, 4));
        writer.WriteNumber("Mean probability", Math.Round(finding.MeanProbability, 4));
        writer.WriteEndObject();
        writer.WriteString("source", $"BladderLnAi model {modelVersion}");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteGeometry(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject("geometry");
        writer.WriteString("type", "Polygon");
        writer.WriteStartArray("coordinates");
        writer.WriteStartArray();
        foreach (var point in finding.Outline.Append(finding.Outline[0]))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(point.X, 3));
            writer.WriteNumberValue(Math.Round(point.Y, 3));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        // QuPath stores measurements as numbers, so an unknown size is NaN there; GeoJSON has no NaN, so it is left out.
        if (value is { } number)
        {
            writer.WriteNumber(name, Math.Round(number, 4));
        }
    }

    /// <summary>Returns the RGB colour of a size class in QuPath: yellow, orange, red, or grey when unknown.</summary>
    public static int[] ClassColour(SizeClass sizeClass) => sizeClass switch
    {
        SizeClass.IsolatedTumourCells => [255, 200, 0],
        SizeClass.Micrometastasis => [255, 120, 0],
        SizeClass.Macrometastasis => [220, 0, 0],
        _ => [150, 150, 150],
    };
}
