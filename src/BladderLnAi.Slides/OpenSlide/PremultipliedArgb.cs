namespace BladderLnAi.Slides;

/// <summary>
/// Conversion of OpenSlide's premultiplied ARGB pixels (one <see cref="uint"/> each, alpha in the top byte) to RGB.
/// </summary>
internal static class PremultipliedArgb
{
    /// <summary>
    /// Composites premultiplied ARGB over white into interleaved RGB: each channel becomes <c>c + (255 - a)</c>.
    /// Fully transparent pixels, which OpenSlide returns outside the slide, become white.
    /// </summary>
    public static void CompositeOverWhite(ReadOnlySpan<uint> argb, Span<byte> rgb)
    {
        if (rgb.Length < argb.Length * 3)
        {
            throw new ArgumentException($"The RGB buffer needs {argb.Length * 3} bytes but has {rgb.Length}.", nameof(rgb));
        }

        var output = 0;
        foreach (var pixel in argb)
        {
            var white = 255 - (pixel >> 24);
            rgb[output] = Composite((pixel >> 16) & 0xFF, white);
            rgb[output + 1] = Composite((pixel >> 8) & 0xFF, white);
            rgb[output + 2] = Composite(pixel & 0xFF, white);
            output += 3;
        }
    }

    // A premultiplied channel never exceeds alpha, so the sum stays within 255, and the clamp only guards against bad input.
    private static byte Composite(uint channel, uint white) => (byte)Math.Min(channel + white, 255u);
}
