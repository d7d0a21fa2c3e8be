namespace BladderLnAi.Analysis.Output;

/// <summary>File names inside an analysis output folder, shared by the writer, the web host and the command line.</summary>
public static class ArtifactFiles
{
    public const string Summary = "summary.json";
    public const string FindingsGeoJson = "findings.geojson";
    public const string Findings = "findings.json";
    public const string Fields = "fields.json";

    /// <summary>Grey 8-bit heatmap: a pixel value v means probability v / 255.</summary>
    public const string Heatmap = "heatmap.png";

    /// <summary>Coloured, translucent heatmap for display over the slide.</summary>
    public const string HeatmapOverlay = "heatmap-overlay.png";

    public const string CompositeFolder = "composites";

    public static string Composite(int fieldIndex) => $"{CompositeFolder}/field-{fieldIndex:D4}.png";

    public static string CompositeHeatmap(int fieldIndex) => $"{CompositeFolder}/field-{fieldIndex:D4}-heatmap.png";

    public static string CompositeGrid(int fieldIndex) => $"{CompositeFolder}/field-{fieldIndex:D4}.grid.json";
}
