using System.Diagnostics;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Writes synthetic H&amp;E lymph-node slides with known tumour foci: an Aperio-style SVS that OpenSlide opens with its
/// microns per pixel, and a GeoJSON file with the ground-truth foci.
/// </summary>
/// <remarks>
/// NOTE: the tissue is a rough imitation drawn without reference to real slides, like the training patches of
/// <c>src/training/bladderln_training/synthetic.py</c>. It exercises the pipeline but is no substitute for real
/// annotated slides. The same options give byte-identical files on one machine. ImageSharp's JPEG encoder and the
/// blur may take other SIMD paths on another CPU, so files made on different machines can differ.
/// </remarks>
public static class SyntheticSlideGenerator
{
    /// <summary>Returns the file name without extension of the slide for a seed: <c>synthetic-SEED</c>.</summary>
    public static string BaseName(int seed) => $"synthetic-{seed}";

    /// <summary>
    /// Plans and writes one slide into <paramref name="outputDirectory"/> (created when missing), replacing files of
    /// the same name. The slide is written to a temporary file first, so a cancelled or failed run leaves no partial
    /// slide.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static SyntheticSlideResult Generate(
        SyntheticSlideOptions options, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var stopwatch = Stopwatch.StartNew();
        var plan = SyntheticSlidePlan.Create(options);
        Directory.CreateDirectory(outputDirectory);
        var slidePath = Path.Combine(outputDirectory, BaseName(options.Seed) + ".svs");
        var geoJsonPath = Path.Combine(outputDirectory, BaseName(options.Seed) + ".geojson");
        var temporaryPath = slidePath + ".partial";
        try
        {
            using (var writer = new TiledTiffWriter(temporaryPath))
            {
                new PyramidWriter(plan, writer, cancellationToken).Write();
                writer.Finish();
            }

            File.Move(temporaryPath, slidePath, overwrite: true);
        }
        catch
        {
            File.Delete(temporaryPath);
            throw;
        }

        GroundTruthGeoJson.Write(geoJsonPath, plan);
        return new SyntheticSlideResult(slidePath, geoJsonPath, plan, new FileInfo(slidePath).Length, stopwatch.Elapsed);
    }
}

/// <summary>The files written for one synthetic slide.</summary>
/// <param name="SlidePath">The SVS file.</param>
/// <param name="GeoJsonPath">The ground-truth foci.</param>
/// <param name="Plan">The slide's plan, with its foci and levels.</param>
/// <param name="SlideBytes">Size of the SVS file in bytes.</param>
/// <param name="Elapsed">Time to plan and write both files.</param>
public sealed record SyntheticSlideResult(
    string SlidePath,
    string GeoJsonPath,
    SyntheticSlidePlan Plan,
    long SlideBytes,
    TimeSpan Elapsed);
