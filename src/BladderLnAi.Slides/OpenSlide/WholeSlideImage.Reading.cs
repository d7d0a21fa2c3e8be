using System.Buffers;
using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Slides;

public sealed partial class WholeSlideImage
{
    /// <summary>Maximum pixels in one region read: 64 megapixels, which is 256 MiB of ARGB from OpenSlide.</summary>
    public const long MaxPixelsPerRead = 64L * 1024 * 1024;

    /// <summary>
    /// Returns the slide level to read for a requested downsample: the level with the largest downsample that is
    /// not above <paramref name="downsample"/> (OpenSlide's <c>openslide_get_best_level_for_downsample</c>).
    /// </summary>
    /// <param name="downsample">Requested level-0 pixels per output pixel, greater than 0.</param>
    public int GetBestLevelForDownsample(double downsample)
    {
        if (double.IsNaN(downsample) || downsample <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(downsample),
                downsample,
                "Downsample must be a positive number of level-0 pixels per output pixel.");
        }

        EnterRead();
        try
        {
            var level = OpenSlideNative.GetBestLevelForDownsample(_handle, downsample);
            ThrowIfFailed($"the best level for downsample {downsample}");
            return Math.Clamp(level, 0, Levels.Count - 1);
        }
        finally
        {
            ExitRead();
        }
    }

    /// <summary>
    /// Reads a region composited over white into a new image. Areas outside the slide come back white.
    /// </summary>
    /// <param name="x">Left edge in level-0 pixels (may be negative).</param>
    /// <param name="y">Top edge in level-0 pixels (may be negative).</param>
    /// <param name="level">Slide level to read, 0 to <c>Levels.Count - 1</c>.</param>
    /// <param name="width">Width in pixels of <paramref name="level"/>.</param>
    /// <param name="height">Height in pixels of <paramref name="level"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The level is out of range, a size is not positive, or the region is over <see cref="MaxPixelsPerRead"/>.
    /// </exception>
    /// <exception cref="SlideException">OpenSlide failed to decode the region.</exception>
    public RgbImage ReadRegion(long x, long y, int level, int width, int height)
    {
        ValidateRegion(level, width, height);
        var image = new RgbImage(width, height);
        ReadRegionCore(x, y, level, width, height, image.Pixels);
        return image;
    }

    /// <summary>
    /// Reads a region of the size of <paramref name="destination"/> composited over white into it.
    /// </summary>
    /// <inheritdoc cref="ReadRegion(long, long, int, int, int)"/>
    public void ReadRegion(long x, long y, int level, RgbImage destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ValidateRegion(level, destination.Width, destination.Height);
        ReadRegionCore(x, y, level, destination.Width, destination.Height, destination.Pixels);
    }

    /// <summary>Reads a region into the first <c>width * height * 3</c> bytes of <paramref name="rgb"/>.</summary>
    internal void ReadRegion(long x, long y, int level, int width, int height, Span<byte> rgb)
    {
        ValidateRegion(level, width, height);
        if (rgb.Length < width * height * 3)
        {
            throw new ArgumentException(
                $"The buffer has {rgb.Length} bytes but a {width} x {height} RGB region needs {width * height * 3}.",
                nameof(rgb));
        }

        ReadRegionCore(x, y, level, width, height, rgb);
    }

    /// <summary>
    /// Reads an associated image (label, macro, thumbnail and so on) composited over white.
    /// </summary>
    /// <exception cref="SlideException">The slide has no image of that name, or OpenSlide failed to decode it.</exception>
    public unsafe RgbImage ReadAssociatedImage(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!AssociatedImageNames.Contains(name, StringComparer.Ordinal))
        {
            throw UnknownAssociatedImage(name);
        }

        EnterRead();
        try
        {
            var (width, height) = GetAssociatedImageSize(name);
            var image = new RgbImage(width, height);
            ReadArgb(
                width * height,
                image.Pixels,
                destination => OpenSlideNative.ReadAssociatedImage(_handle, name, destination));
            ThrowIfFailed($"the associated image '{name}'");
            return image;
        }
        finally
        {
            ExitRead();
        }
    }

    private void ValidateRegion(int level, int width, int height)
    {
        if (level < 0 || level >= Levels.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(level),
                level,
                $"Level {level} does not exist. Slide '{Path.GetFileName(FilePath)}' has levels 0 to {Levels.Count - 1}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height > MaxPixelsPerRead)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width),
                width,
                $"A region of {width} x {height} pixels is over the maximum of {MaxPixelsPerRead} pixels per read. "
                + "Read it in smaller tiles.");
        }
    }

    private unsafe void ReadRegionCore(long x, long y, int level, int width, int height, Span<byte> rgb)
    {
        EnterRead();
        try
        {
            ReadArgb(
                width * height,
                rgb,
                destination => OpenSlideNative.ReadRegion(_handle, destination, x, y, level, width, height));
            ThrowIfFailed($"the region at ({x}, {y}) of level {level}, {width} x {height} pixels");
        }
        finally
        {
            ExitRead();
        }
    }

    private (int Width, int Height) GetAssociatedImageSize(string name)
    {
        OpenSlideNative.GetAssociatedImageDimensions(_handle, name, out var width, out var height);
        ThrowIfFailed($"the size of associated image '{name}'");
        if (width < 1 || height < 1 || width * height > MaxPixelsPerRead)
        {
            throw new SlideException(
                FilePath,
                $"Slide '{Path.GetFileName(FilePath)}': associated image '{name}' has size {width} x {height}, "
                + $"which is empty or over {MaxPixelsPerRead} pixels. The file is damaged or not supported. "
                + "Open the slide in the scanner software to check it.");
        }

        return ((int)width, (int)height);
    }

    private SlideException UnknownAssociatedImage(string name)
    {
        var available = AssociatedImageNames.Count == 0 ? "none" : string.Join(", ", AssociatedImageNames);
        return new SlideException(
            FilePath,
            $"Slide '{Path.GetFileName(FilePath)}' has no associated image '{name}'. Available images: {available}. "
            + "Use one of the names in AssociatedImageNames.");
    }

    /// <summary>Runs a native read into a pooled ARGB buffer, then composites it over white into <paramref name="rgb"/>.</summary>
    private static unsafe void ReadArgb(int pixelCount, Span<byte> rgb, NativeRead read)
    {
        var argb = ArrayPool<uint>.Shared.Rent(pixelCount);
        try
        {
            fixed (uint* destination = argb)
            {
                read(destination);
            }

            PremultipliedArgb.CompositeOverWhite(argb.AsSpan(0, pixelCount), rgb);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(argb);
        }
    }

    private unsafe delegate void NativeRead(uint* destination);
}
