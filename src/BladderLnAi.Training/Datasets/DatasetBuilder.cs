using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Analysis.Reading;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;
using BladderLnAi.Imaging.Segmentation;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using BladderLnAi.Training.Annotations;
using BladderLnAi.Training.Evaluation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BladderLnAi.Training.Datasets;

/// <summary>
/// Cuts the tissue fields of slides with ground truth into image and mask pairs for dual-dataset training: the
/// original set at the model's input size and resolution, and the resampled set warped by the analysis's own
/// resampler.
/// </summary>
/// <remarks>
/// Layout under the output folder: <c>original/images/NNNNN.png</c>, <c>original/masks/NNNNN.png</c>, the same under
/// <c>resampled/</c>, and <c>dataset.json</c>, which lists every sample. A field whose saliency has no blob is not
/// resampled (the analysis would not resample it either), so the resampled set has the same or fewer samples, with
/// the number of their original field.
/// </remarks>
public sealed partial class DatasetBuilder(ModelManifest manifest, DatasetOptions options, ILogger? logger = null)
{
    public const string DatasetFileName = "dataset.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Writes the dataset of every slide with ground truth in <paramref name="slideDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The folder has no slide with ground truth beside it.</exception>
    public DatasetSummary Build(string slideDirectory, string outDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDirectory);
        options.Validate();
        var slides = GroundTruthFiles.FindSlides(slideDirectory);
        if (slides.Count == 0)
        {
            throw new InvalidOperationException(
                $"No slide in '{slideDirectory}' has ground truth beside it. Put NAME.geojson or NAME.xml next to "
                + "each slide NAME.svs.");
        }

        foreach (var set in new[] { "original", "resampled" })
        {
            Directory.CreateDirectory(Path.Combine(outDirectory, set, "images"));
            Directory.CreateDirectory(Path.Combine(outDirectory, set, "masks"));
        }

        var samples = new List<DatasetSample>();
        for (var slideIndex = 0; slideIndex < slides.Count; slideIndex++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (slidePath, truthPath) = slides[slideIndex];
            var before = samples.Count;
            AddSlide(slidePath, truthPath, slideIndex, outDirectory, samples, cancellationToken);
            var added = samples.Skip(before).ToList();
            Log.SlideDone(_logger, Path.GetFileName(slidePath), added.Count, added.Count(sample => sample.Resampled is not null));
        }

        var summary = new DatasetSummary(
            slides.Count,
            samples.Count,
            samples.Count(sample => sample.Resampled is not null),
            samples.Count(sample => sample.TumourFraction > 0));
        File.WriteAllText(Path.Combine(outDirectory, DatasetFileName), Describe(slides, samples, summary).ToJsonString(JsonOptions) + "\n");
        return summary;
    }

    /// <summary>
    /// Returns the fields to cut from a slide: up to <see cref="DatasetOptions.TumourFieldShare"/> of them from the
    /// fields that touch a region, the rest from the other fields, in field order.
    /// </summary>
    public static IReadOnlyList<FieldPlan> ChooseFields(
        IReadOnlyList<FieldPlan> fields,
        IReadOnlyList<AnnotatedRegion> regions,
        int count,
        double tumourShare,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(random);
        var tumour = fields.Where(field => regions.Any(region => FieldMasks.Touches(region, field))).ToList();
        var other = fields.Except(tumour).ToList();
        Shuffle(tumour, random);
        Shuffle(other, random);
        var tumourCount = Math.Min(tumour.Count, (int)Math.Round(count * tumourShare));
        var chosen = tumour.Take(tumourCount).Concat(other.Take(count - tumourCount)).ToList();

        // Too few fields of one kind: fill up with the other kind.
        chosen.AddRange(tumour.Skip(tumourCount).Take(count - chosen.Count));
        return chosen.OrderBy(field => field.Index).ToList();
    }

    private void AddSlide(
        string slidePath,
        string truthPath,
        int slideIndex,
        string outDirectory,
        List<DatasetSample> samples,
        CancellationToken cancellationToken)
    {
        using var slide = WholeSlideImage.Open(slidePath);
        var regions = GroundTruthFiles.ReadRegions(truthPath);
        var size = manifest.Input.Size;
        var plan = FieldPlanner.Plan(slide, size, manifest.Input.MicronsPerPixel, options.Analysis);

        // One stream per slide, so adding a slide does not change the samples of the others.
        var random = new Random(unchecked(options.Seed * 1_000_003 + slideIndex));
        var fields = ChooseFields(plan.Fields, regions, options.FieldsPerSlide, options.TumourFieldShare, random);
        foreach (var field in fields)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var number = samples.Count;
            var image = SlideRegionReader.ReadScaled(slide, field.X, field.Y, field.Size, field.Size, size, size);
            var mask = FieldMasks.Rasterize(regions, field, size);
            var name = number.ToString("D5", CultureInfo.InvariantCulture) + ".png";
            DatasetImages.SaveImage(image, Path.Combine(outDirectory, "original", "images", name));
            DatasetImages.SaveMask(mask, Path.Combine(outDirectory, "original", "masks", name));

            var noisy = random.NextDouble() < options.NoisySaliencyShare;
            var saliencyMask = noisy ? options.Noise.Apply(mask, image, random) : mask;
            var saliency = TrainingPairResampler.BuildSaliency(saliencyMask, options.Analysis.Saliency);
            var resampled = saliency.Blobs.Count == 0
                ? null
                : Resample(slide, regions, field, image, mask, saliency, noisy, outDirectory, name);
            samples.Add(new DatasetSample(
                number,
                Path.GetFileName(slidePath),
                field,
                "original/images/" + name,
                "original/masks/" + name,
                MaskRasters.Fraction(mask),
                resampled));
        }
    }

    private ResampledSample Resample(
        WholeSlideImage slide,
        IReadOnlyList<AnnotatedRegion> regions,
        FieldPlan field,
        RgbImage image,
        BinaryMask mask,
        SaliencyMap saliency,
        bool noisy,
        string outDirectory,
        string name)
    {
        var size = manifest.Input.Size;
        var grid = SaliencySampler.ComputeGrid(saliency.Values, options.Analysis.Sampler);
        var (magnification, sourceSide) = FieldAnalyzer.ChooseSourceSide(grid, size, field.Size, options.Analysis.MaximumSourceSide);

        // The source image and mask must cover the same field at the same resolution, as the analysis reads it.
        var source = sourceSide == size
            ? image
            : SlideRegionReader.ReadScaled(slide, field.X, field.Y, field.Size, field.Size, sourceSide, sourceSide);
        var sourceMask = sourceSide == size ? mask : FieldMasks.Rasterize(regions, field, sourceSide);
        var (composite, compositeMask) = TrainingPairResampler.Sample(source, sourceMask, grid, size);
        DatasetImages.SaveImage(composite, Path.Combine(outDirectory, "resampled", "images", name));
        DatasetImages.SaveMask(compositeMask, Path.Combine(outDirectory, "resampled", "masks", name));
        return new ResampledSample(
            "resampled/images/" + name,
            "resampled/masks/" + name,
            noisy ? "noisy" : "truth",
            saliency.Blobs.Count,
            magnification,
            sourceSide,
            MaskRasters.Fraction(compositeMask));
    }

    private JsonObject Describe(
        IReadOnlyList<(string SlidePath, string TruthPath)> slides,
        IReadOnlyList<DatasetSample> samples,
        DatasetSummary summary)
    {
        var saliency = options.Analysis.Saliency;
        return new JsonObject
        {
            ["created_utc"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["model"] = new JsonObject { ["name"] = manifest.Name, ["version"] = manifest.Version },
            ["input_size"] = manifest.Input.Size,
            ["microns_per_pixel"] = manifest.Input.MicronsPerPixel,
            ["seed"] = options.Seed,
            ["fields_per_slide"] = options.FieldsPerSlide,
            ["tumour_field_share"] = options.TumourFieldShare,
            ["noisy_saliency_share"] = options.NoisySaliencyShare,
            ["saliency"] = new JsonObject
            {
                ["grid_size"] = saliency.GridSize,
                ["threshold"] = saliency.Threshold,
                ["context_floor"] = saliency.ContextFloor,
                ["max_blob_boost"] = saliency.MaxBlobBoost,
                ["kernel_sigma"] = options.Analysis.Sampler.KernelSigma,
            },
            ["mask_encoding"] = "8-bit grey PNG, 255 tumour, 0 background",
            ["slides"] = new JsonArray(slides
                .Select(slide => (JsonNode?)new JsonObject
                {
                    ["file"] = Path.GetFileName(slide.SlidePath),
                    ["ground_truth"] = Path.GetFileName(slide.TruthPath),
                })
                .ToArray()),
            ["counts"] = new JsonObject
            {
                ["slides"] = summary.Slides,
                ["original"] = summary.OriginalSamples,
                ["resampled"] = summary.ResampledSamples,
                ["original_with_tumour"] = summary.SamplesWithTumour,
            },
            ["samples"] = new JsonArray(samples.Select(sample => (JsonNode?)sample.ToJson()).ToArray()),
        };
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 710, Level = LogLevel.Information,
            Message = "Slide {SlideFile}: {SampleCount} fields written, {ResampledCount} of them resampled")]
        public static partial void SlideDone(ILogger logger, string slideFile, int sampleCount, int resampledCount);
    }
}

/// <summary>Numbers of slides and samples written.</summary>
/// <param name="SamplesWithTumour">Original samples whose mask has at least one tumour pixel.</param>
public sealed record DatasetSummary(int Slides, int OriginalSamples, int ResampledSamples, int SamplesWithTumour);

/// <summary>
/// One field of the dataset.
/// </summary>
/// <param name="TumourFraction">Share of tumour pixels in the original mask.</param>
/// <param name="Resampled">The resampled pair, or null when the saliency had no blob.</param>
public sealed record DatasetSample(
    int Number,
    string SlideFile,
    FieldPlan Field,
    string ImagePath,
    string MaskPath,
    double TumourFraction,
    ResampledSample? Resampled)
{
    public JsonObject ToJson() => new()
    {
        ["number"] = Number,
        ["slide"] = SlideFile,
        ["x"] = Math.Round(Field.X, 2),
        ["y"] = Math.Round(Field.Y, 2),
        ["size"] = Math.Round(Field.Size, 2),
        ["tumour_fraction"] = Math.Round(TumourFraction, 6),
        ["original"] = new JsonObject { ["image"] = ImagePath, ["mask"] = MaskPath },
        ["resampled"] = Resampled is null ? null : new JsonObject
        {
            ["image"] = Resampled.ImagePath,
            ["mask"] = Resampled.MaskPath,
            ["saliency"] = Resampled.SaliencySource,
            ["blobs"] = Resampled.Blobs,
            ["magnification"] = double.IsFinite(Resampled.Magnification) ? Math.Round(Resampled.Magnification, 3) : null,
            ["source_side"] = Resampled.SourceSide,
            ["tumour_fraction"] = Math.Round(Resampled.TumourFraction, 6),
        },
    };
}

/// <summary>
/// The resampled pair of one field.
/// </summary>
/// <param name="SaliencySource"><c>truth</c> when the ground-truth mask drove the saliency, <c>noisy</c> for a noisy copy.</param>
/// <param name="Magnification">
/// Largest local magnification of the composite over the original field image. It is positive infinity where the
/// grid collapses a cell, and <c>dataset.json</c> then contains null.
/// </param>
/// <param name="SourceSide">Side, in pixels, of the field image the composite was sampled from.</param>
public sealed record ResampledSample(
    string ImagePath,
    string MaskPath,
    string SaliencySource,
    int Blobs,
    double Magnification,
    int SourceSide,
    double TumourFraction);
