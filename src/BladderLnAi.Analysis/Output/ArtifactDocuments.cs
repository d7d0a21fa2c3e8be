using System.Text.Json;
using System.Text.Json.Serialization;

namespace BladderLnAi.Analysis.Output;

/// <summary>The JSON documents of an analysis output folder, read back by the web host.</summary>
public static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"Analysis file '{path}' is empty.");
}

public sealed record SummaryDocument(
    SlideDocument Slide,
    ModelDocument Model,
    string ExecutionProvider,
    int FieldCount,
    int CandidateFieldCount,
    int ResampledFieldCount,
    double FieldSize,
    HeatmapDocument Heatmap,
    float Threshold,
    bool MicronsPerPixelAssumed,
    IReadOnlyDictionary<string, double> StageSeconds,
    double TotalSeconds,
    IReadOnlyDictionary<string, int> FindingsBySizeClass,
    DateTime CreatedUtc);

public sealed record SlideDocument(string Id, string FileName, string? Vendor, long Width, long Height, double? MicronsPerPixel);

public sealed record ModelDocument(
    string Name,
    string Version,
    string Sha256,
    bool Trained,
    int InputSize,
    double MicronsPerPixel);

/// <param name="Scale">Level-0 pixels per heatmap pixel.</param>
public sealed record HeatmapDocument(string File, string Overlay, int Width, int Height, double Scale, string Encoding);

public sealed record FieldDocument(
    int Index,
    double X,
    double Y,
    double Size,
    double TissueFraction,
    bool Resampled,
    double MaximumMagnification,
    int SourceSide,
    float UniformMaximum,
    float CompositeMaximum,
    string? Composite,
    string? CompositeHeatmap,
    string? Grid,
    IReadOnlyList<BlobDocument> Blobs);

/// <summary>A suspected region of a field; bounds in normalised field coordinates.</summary>
public sealed record BlobDocument(int AreaCells, float Peak, float Weight, double MinU, double MinV, double MaxU, double MaxV);

/// <summary>A sampling grid: composite grid point (i, j) samples the field at (U, V) in normalised field coordinates.</summary>
public sealed record GridDocument(int FieldIndex, double FieldX, double FieldY, double FieldSize, int Width, int Height, float[] U, float[] V);

public sealed record FindingDocument(
    int Id,
    double[][] Outline,
    double CentreX,
    double CentreY,
    double? GreatestDimensionMicrons,
    double? AreaSquareMillimetres,
    float MaximumProbability,
    float MeanProbability,
    string SizeClass,
    string SizeClassName);
