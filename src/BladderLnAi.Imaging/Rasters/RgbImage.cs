namespace BladderLnAi.Imaging.Rasters;

/// <summary>
/// An 8-bit RGB raster stored row by row with interleaved channels (R, G, B).
/// </summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height)
        : this(width, height, new byte[checked(width * height * 3)])
    {
    }

    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException(
                $"Pixel buffer has {pixels.Length} bytes but a {width} x {height} RGB image needs {width * height * 3}.",
                nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixel bytes, <c>(y * Width + x) * 3</c> is the red channel of pixel (x, y).</summary>
    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width * 3, Width * 3);

    /// <summary>Fills the whole image with one colour.</summary>
    public void Fill(byte r, byte g, byte b)
    {
        var pixels = Pixels;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = r;
            pixels[i + 1] = g;
            pixels[i + 2] = b;
        }
    }
}
