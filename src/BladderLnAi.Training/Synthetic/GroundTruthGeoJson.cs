using System.Text.Json;
using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Writes the tumour foci of a synthetic slide as a GeoJSON FeatureCollection that QuPath imports as annotations and
/// <see cref="Annotations.GeoJsonAnnotations"/> reads back: one Polygon per focus in level-0 pixels, classified
/// "Tumor", with its size class and greatest dimension.
/// </summary>
public static class GroundTruthGeoJson
{
    public static void Write(string path, SyntheticSlidePlan plan)
    {
        using var stream = File.Create(path);
        Write(stream, plan);
    }

    public static void Write(Stream stream, SyntheticSlidePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var focus in plan.Foci)
        {
            WriteFeature(writer, focus, plan.Options.Seed);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFeature(Utf8JsonWriter writer, SyntheticFocus focus, int seed)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", $"synthetic-{seed}-focus-{focus.Id}");
        writer.WriteStartObject("geometry");
        writer.WriteString("type", "Polygon");
        writer.WriteStartArray("coordinates");
        writer.WriteStartArray();
        foreach (var point in focus.Outline.Append(focus.Outline[0]))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(point.X, 2));
            writer.WriteNumberValue(Math.Round(point.Y, 2));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartObject("properties");
        writer.WriteString("objectType", "annotation");
        writer.WriteString("name", $"Focus {focus.Id}");
        writer.WriteStartObject("classification");
        writer.WriteString("name", "Tumor");
        writer.WriteStartArray("color");
        writer.WriteNumberValue(200);
        writer.WriteNumberValue(0);
        writer.WriteNumberValue(0);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString("sizeClass", focus.SizeClass.Code());
        writer.WriteNumber("greatestDimensionMicrons", Math.Round(focus.GreatestDimensionMicrons, 2));
        writer.WriteNumber("cellCount", focus.CellCount);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
