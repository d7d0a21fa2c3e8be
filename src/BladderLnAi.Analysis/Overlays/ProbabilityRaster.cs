using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Analysis.Overlays;

/// <summary>
/// The stored slide heatmap as 8-bit probabilities (value / 255), with its scale to level 0. Heatmap pixel (x, y)
/// covers level-0 pixels from (x * Scale, y * Scale) up to ((x + 1) * Scale, (y + 1) * Scale).
/// </summary>
public sealed class ProbabilityRaster
{
    public ProbabilityRaster(int width, int height, double scale, byte[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Heatmap scale must be a positive number of level-0 pixels.");
        }

        if (values.Length != checked(width * height))
        {
            throw new ArgumentException($"A {width} x {height} heatmap needs {width * height} values, not {values.Length}.", nameof(values));
        }

        Width = width;
        Height = height;
        Scale = scale;
        Values = values;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Level-0 pixels per heatmap pixel.</summary>
    public double Scale { get; }

    /// <summary>Probabilities times 255, <c>y * Width + x</c> being pixel (x, y).</summary>
    public byte[] Values { get; }

    /// <summary>Reads the grey heatmap PNG that <see cref="Output.AnalysisResultWriter"/> writes.</summary>
    /// <exception cref="InvalidDataException">The file is not an image.</exception>
    public static ProbabilityRaster ReadPng(string path, double scale)
    {
        try
        {
            using var image = Image.Load<L8>(path);
            var values = new byte[checked(image.Width * image.Height)];
            image.CopyPixelDataTo(values);
            return new ProbabilityRaster(image.Width, image.Height, scale, values);
        }
        catch (UnknownImageFormatException ex)
        {
            throw new InvalidDataException($"Heatmap '{path}' is not a PNG image.", ex);
        }
    }
}
