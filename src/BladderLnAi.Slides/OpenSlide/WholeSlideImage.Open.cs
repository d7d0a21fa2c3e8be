using System.Collections.Frozen;

namespace BladderLnAi.Slides;

public sealed partial class WholeSlideImage
{
    /// <summary>
    /// Opens a slide with OpenSlide and loads its levels, properties and associated image names.
    /// </summary>
    /// <param name="path">Path of the slide file (absolute or relative to the current folder).</param>
    /// <exception cref="SlideException">
    /// The file is missing, unreadable, in a format OpenSlide does not read, or damaged.
    /// </exception>
    public static WholeSlideImage Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        EnsureReadableFile(fullPath);
        EnsureSoundStructure(fullPath);

        var vendor = OpenSlideNative.PtrToString(OpenSlideNative.DetectVendor(fullPath))
            ?? throw CreateUnrecognizedError(fullPath);

        var handle = OpenSlideNative.Open(fullPath);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw SlideException.UnsupportedFormat(fullPath);
        }

        try
        {
            var metadata = LoadMetadata(handle, fullPath);
            return new WholeSlideImage(fullPath, vendor, handle, metadata);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void EnsureReadableFile(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw SlideException.IsDirectory(fullPath);
        }

        if (!File.Exists(fullPath))
        {
            throw SlideException.NotFound(fullPath);
        }

        try
        {
            using var probe = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw SlideException.NotReadable(fullPath, exception);
        }
    }

    /// <summary>
    /// Rejects an empty file, and a TIFF-based file whose directories point past its end or declare sizes that would
    /// make OpenSlide allocate gigabytes, before OpenSlide parses it.
    /// </summary>
    private static void EnsureSoundStructure(string fullPath)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
            if (stream.Length == 0)
            {
                throw SlideException.Empty(fullPath);
            }

            if (TiffStructure.FindProblem(stream) is { } problem)
            {
                throw SlideException.Corrupt(fullPath, problem);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw SlideException.NotReadable(fullPath, exception);
        }
    }

    /// <summary>
    /// Creates the error for a file OpenSlide does not recognise. OpenSlide 3.4.1 also fails to recognise a
    /// truncated SVS or NDPI, so a file with a TIFF header gets a message about damage rather than format.
    /// </summary>
    private static SlideException CreateUnrecognizedError(string fullPath)
    {
        Span<byte> header = stackalloc byte[4];
        try
        {
            using var stream = File.OpenRead(fullPath);
            var isTiff = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
                && TiffStructure.IsTiffHeader(header);
            return isTiff ? SlideException.UnrecognizedTiff(fullPath) : SlideException.UnsupportedFormat(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return SlideException.NotReadable(fullPath, exception);
        }
    }

    private static SlideMetadata LoadMetadata(OpenSlideHandle handle, string fullPath)
    {
        ThrowIfOpenFailed(handle, fullPath);

        var levels = LoadLevels(handle, fullPath);
        var properties = LoadProperties(handle);
        var associatedNames = OpenSlideNative.PtrToStringList(OpenSlideNative.GetAssociatedImageNames(handle));

        // OpenSlide reports a failure while listing metadata through the error state, not through return values.
        ThrowIfOpenFailed(handle, fullPath);
        return new SlideMetadata(levels, properties, associatedNames.AsReadOnly());
    }

    private static void ThrowIfOpenFailed(OpenSlideHandle handle, string fullPath)
    {
        var error = OpenSlideNative.PtrToString(OpenSlideNative.GetError(handle));
        if (error is not null)
        {
            throw SlideException.Corrupt(fullPath, $"OpenSlide reported \"{error}\"");
        }
    }

    private static IReadOnlyList<SlideLevel> LoadLevels(OpenSlideHandle handle, string fullPath)
    {
        var count = OpenSlideNative.GetLevelCount(handle);
        if (count < 1)
        {
            ThrowIfOpenFailed(handle, fullPath);
            throw SlideException.Corrupt(fullPath, $"OpenSlide found {count} pyramid levels");
        }

        var levels = new SlideLevel[count];
        for (var index = 0; index < count; index++)
        {
            OpenSlideNative.GetLevelDimensions(handle, index, out var width, out var height);
            var downsample = OpenSlideNative.GetLevelDownsample(handle, index);
            if (width < 1 || height < 1 || !(downsample > 0))
            {
                ThrowIfOpenFailed(handle, fullPath);
                throw SlideException.Corrupt(fullPath, $"level {index} has size {width} x {height} and downsample {downsample}");
            }

            levels[index] = new SlideLevel(index, width, height, downsample);
        }

        return levels.AsReadOnly();
    }

    private static FrozenDictionary<string, string> LoadProperties(OpenSlideHandle handle)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in OpenSlideNative.PtrToStringList(OpenSlideNative.GetPropertyNames(handle)))
        {
            var value = OpenSlideNative.PtrToString(OpenSlideNative.GetPropertyValue(handle, name));
            if (value is not null)
            {
                properties[name] = value;
            }
        }

        return properties.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record SlideMetadata(
        IReadOnlyList<SlideLevel> Levels,
        IReadOnlyDictionary<string, string> Properties,
        IReadOnlyList<string> AssociatedImageNames);
}
