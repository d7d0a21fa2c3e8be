using System.Text.Json;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Analysis.Reading;
using BladderLnAi.Imaging.Rasters;
using SixLabors.ImageSharp;

namespace BladderLnAi.Analysis.Output;

/// <summary>
/// Writes an analysis to a folder: findings (GeoJSON for QuPath and JSON), heatmaps, summary, fields, and each
/// resampled field's composite patch with its heatmap and sampling grid. Every file is written to a temporary
/// name first and then renamed, so a reader never sees half a file.
/// </summary>
public sealed class AnalysisResultWriter : IFieldArtifactSink
{
    public AnalysisResultWriter(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, ArtifactFiles.CompositeFolder));
    }

    public string Directory { get; }

    public void WriteComposite(FieldResult field, RgbImage composite, FloatMap compositeProbability)
    {
        var index = field.Field.Index;
        WriteAtomically(ArtifactFiles.Composite(index), stream => SaveComposite(composite, stream));
        WriteAtomically(ArtifactFiles.CompositeHeatmap(index), stream =>
        {
            using var overlay = HeatmapColours.ToOverlay(compositeProbability);
            overlay.SaveAsPng(stream);
        });
        var grid = field.Grid!;
        var document = new GridDocument(index, field.Field.X, field.Field.Y, field.Field.Size, grid.Width, grid.Height, grid.U, grid.V);
        WriteJson(ArtifactFiles.CompositeGrid(index), document);
    }

    /// <summary>Writes everything except the composites, which arrive during the analysis.</summary>
    public SummaryDocument Write(AnalysisResult result)
    {
        WriteAtomically(ArtifactFiles.Heatmap, stream =>
        {
            using var grey = HeatmapColours.ToGrey(result.Heatmap);
            grey.SaveAsPng(stream);
        });
        WriteAtomically(ArtifactFiles.HeatmapOverlay, stream =>
        {
            using var overlay = HeatmapColours.ToOverlay(result.Heatmap);
            overlay.SaveAsPng(stream);
        });
        WriteAtomically(ArtifactFiles.FindingsGeoJson, stream =>
            GeoJsonWriter.Write(stream, result.Findings, result.Slide.Id, result.Model.Version));
        WriteJson(ArtifactFiles.Findings, result.Findings.Select(ToDocument).ToList());
        WriteJson(ArtifactFiles.Fields, result.Fields.Select(ToDocument).ToList());
        var summary = Summarise(result);
        WriteJson(ArtifactFiles.Summary, summary);
        return summary;
    }

    private static SummaryDocument Summarise(AnalysisResult result)
    {
        var slide = result.Slide;
        var model = result.Model;
        var plan = result.Plan;
        return new SummaryDocument(
            new SlideDocument(slide.Id, slide.FileName, slide.Vendor, slide.Width, slide.Height, slide.MicronsPerPixel),
            new ModelDocument(model.Name, model.Version, model.Sha256, model.Trained, model.InputSize, model.MicronsPerPixel),
            model.ExecutionProvider,
            result.Fields.Count,
            plan.CandidateFieldCount,
            result.Fields.Count(field => field.Resampled),
            plan.FieldSize,
            new HeatmapDocument(
                ArtifactFiles.Heatmap,
                ArtifactFiles.HeatmapOverlay,
                result.Heatmap.Width,
                result.Heatmap.Height,
                plan.HeatmapScale,
                "8-bit grey; probability = value / 255; pixel (x, y) starts at level-0 (x * scale, y * scale)"),
            result.Threshold,
            plan.MicronsPerPixelAssumed,
            result.StageTimes.ToDictionary(
                pair => JsonNamingPolicy.CamelCase.ConvertName(pair.Key.ToString()),
                pair => Math.Round(pair.Value.TotalSeconds, 3)),
            Math.Round(result.TotalTime.TotalSeconds, 3),
            Enum.GetValues<SizeClass>().ToDictionary(
                sizeClass => sizeClass.Code(),
                sizeClass => result.Findings.Count(finding => finding.SizeClass == sizeClass)),
            DateTime.UtcNow);
    }

    private static FieldDocument ToDocument(FieldResult field)
    {
        var index = field.Field.Index;
        return new FieldDocument(
            index,
            field.Field.X,
            field.Field.Y,
            field.Field.Size,
            Math.Round(field.Field.TissueFraction, 4),
            field.Resampled,
            Math.Round(field.MaximumMagnification, 3),
            field.SourceSide,
            field.UniformMaximum,
            field.CompositeMaximum,
            field.Resampled ? ArtifactFiles.Composite(index) : null,
            field.Resampled ? ArtifactFiles.CompositeHeatmap(index) : null,
            field.Resampled ? ArtifactFiles.CompositeGrid(index) : null,
            field.Blobs
                .Select(blob => new BlobDocument(blob.AreaCells, blob.Peak, blob.Weight, blob.MinU, blob.MinV, blob.MaxU, blob.MaxV))
                .ToList());
    }

    // Outlines and centres keep full double precision, because the viewer places overlays from them at any zoom.
    private static FindingDocument ToDocument(Finding finding) => new(
        finding.Id,
        finding.Outline.Select(point => new[] { point.X, point.Y }).ToArray(),
        finding.CentreX,
        finding.CentreY,
        finding.GreatestDimensionMicrons is { } dimension ? Math.Round(dimension, 2) : null,
        finding.AreaSquareMillimetres is { } area ? Math.Round(area, 6) : null,
        finding.MaximumProbability,
        finding.MeanProbability,
        finding.SizeClass.Code(),
        finding.SizeClass.DisplayName());

    private static void SaveComposite(RgbImage composite, Stream stream)
    {
        using var image = composite.ToImageSharp();
        image.SaveAsPng(stream);
    }

    private void WriteJson<T>(string relativePath, T document) =>
        WriteAtomically(relativePath, stream => JsonSerializer.Serialize(stream, document, ArtifactJson.Options));

    private void WriteAtomically(string relativePath, Action<Stream> write)
    {
        var path = Path.Combine(Directory, relativePath);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
