using System.Globalization;

namespace BladderLnAi.Slides;

/// <summary>
/// An open whole-slide image read through OpenSlide: pyramid levels, properties, microns per pixel,
/// associated images and region reads.
/// </summary>
/// <remarks>
/// All members may be called from several threads at once because OpenSlide handles are thread-safe.
/// <see cref="Dispose"/> waits for reads in flight, then closes the handle. Later reads throw
/// <see cref="ObjectDisposedException"/>. Metadata (levels, properties, names) stays readable after disposal.
/// </remarks>
public sealed partial class WholeSlideImage : IDisposable
{
    private const string MicronsPerPixelXProperty = "openslide.mpp-x";
    private const string MicronsPerPixelYProperty = "openslide.mpp-y";

    private readonly OpenSlideHandle _handle;

    // Reads hold the read lock and Dispose holds the write lock, so the handle is never closed under a read.
    // The lock itself is not disposed, because a thread that races Dispose must still enter it and see _disposed.
    private readonly ReaderWriterLockSlim _lifetimeLock = new(LockRecursionPolicy.NoRecursion);
    private bool _disposed;

    private WholeSlideImage(string filePath, string vendor, OpenSlideHandle handle, SlideMetadata metadata)
    {
        FilePath = filePath;
        Vendor = vendor;
        _handle = handle;
        Levels = metadata.Levels;
        Properties = metadata.Properties;
        AssociatedImageNames = metadata.AssociatedImageNames;
        MicronsPerPixelX = ParsePositiveNumber(Properties, MicronsPerPixelXProperty);
        MicronsPerPixelY = ParsePositiveNumber(Properties, MicronsPerPixelYProperty);
    }

    /// <summary>Version of the loaded OpenSlide library, for example "3.4.1".</summary>
    public static string? OpenSlideVersion => OpenSlideNative.PtrToString(OpenSlideNative.GetVersion());

    /// <summary>Full path of the slide file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// OpenSlide vendor name (for example "aperio", "hamamatsu", "generic-tiff"), set for every open slide.
    /// </summary>
    public string? Vendor { get; }

    /// <summary>Width of level 0 in pixels.</summary>
    public long Width => Levels[0].Width;

    /// <summary>Height of level 0 in pixels.</summary>
    public long Height => Levels[0].Height;

    /// <summary>Pyramid levels, level 0 (full resolution) first.</summary>
    public IReadOnlyList<SlideLevel> Levels { get; }

    /// <summary>All OpenSlide and vendor properties, keyed by property name (ordinal comparison).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>
    /// Horizontal microns per level-0 pixel from <c>openslide.mpp-x</c>, or null when missing, non-numeric or not positive.
    /// </summary>
    public double? MicronsPerPixelX { get; }

    /// <summary>
    /// Vertical microns per level-0 pixel from <c>openslide.mpp-y</c>, or null when missing, non-numeric or not positive.
    /// </summary>
    public double? MicronsPerPixelY { get; }

    /// <summary>Mean of <see cref="MicronsPerPixelX"/> and <see cref="MicronsPerPixelY"/>, or null unless both are known.</summary>
    public double? MicronsPerPixel =>
        MicronsPerPixelX is { } x && MicronsPerPixelY is { } y ? (x + y) / 2 : null;

    /// <summary>Names of the associated images (for example "label", "macro", "thumbnail").</summary>
    public IReadOnlyList<string> AssociatedImageNames { get; }

    /// <summary>Waits for reads in flight, then closes the OpenSlide handle. Later reads throw.</summary>
    public void Dispose()
    {
        _lifetimeLock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _handle.Dispose();
        }
        finally
        {
            _lifetimeLock.ExitWriteLock();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Path.GetFileName(FilePath)} ({Vendor}, {Width} x {Height}, {Levels.Count} levels)";

    private void EnterRead()
    {
        _lifetimeLock.EnterReadLock();
        if (_disposed)
        {
            _lifetimeLock.ExitReadLock();
            throw new ObjectDisposedException(nameof(WholeSlideImage), $"Slide '{FilePath}' was closed.");
        }
    }

    private void ExitRead() => _lifetimeLock.ExitReadLock();

    /// <summary>Throws when OpenSlide has put the handle into its error state, which lasts until the handle is closed.</summary>
    private void ThrowIfFailed(string subject)
    {
        var error = OpenSlideNative.PtrToString(OpenSlideNative.GetError(_handle));
        if (error is not null)
        {
            throw SlideException.ReadFailed(FilePath, subject, error);
        }
    }

    private static double? ParsePositiveNumber(IReadOnlyDictionary<string, string> properties, string name)
    {
        if (!properties.TryGetValue(name, out var text))
        {
            return null;
        }

        var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        return parsed && double.IsFinite(value) && value > 0 ? value : null;
    }
}
