using System.Runtime.InteropServices;

namespace BladderLnAi.Slides;

/// <summary>
/// P/Invoke declarations for the OpenSlide C API (libopenslide.so.0, OpenSlide 3.4.1).
/// </summary>
/// <remarks>
/// Strings returned by OpenSlide are owned by the library and stay valid until <c>openslide_close</c>,
/// so they come back as raw pointers and are copied with <see cref="PtrToString"/>, never freed here.
/// Every function except <c>openslide_close</c> may be called from several threads on one handle.
/// </remarks>
internal static partial class OpenSlideNative
{
    private const string LibraryName = "libopenslide.so.0";

    [LibraryImport(LibraryName, EntryPoint = "openslide_open", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial OpenSlideHandle Open(string fileName);

    [LibraryImport(LibraryName, EntryPoint = "openslide_close")]
    internal static partial void Close(nint osr);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_error")]
    internal static partial nint GetError(OpenSlideHandle osr);

    [LibraryImport(LibraryName, EntryPoint = "openslide_detect_vendor", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint DetectVendor(string fileName);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_level_count")]
    internal static partial int GetLevelCount(OpenSlideHandle osr);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_level_dimensions")]
    internal static partial void GetLevelDimensions(OpenSlideHandle osr, int level, out long width, out long height);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_level_downsample")]
    internal static partial double GetLevelDownsample(OpenSlideHandle osr, int level);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_best_level_for_downsample")]
    internal static partial int GetBestLevelForDownsample(OpenSlideHandle osr, double downsample);

    /// <summary>Reads premultiplied ARGB pixels at <paramref name="x"/>, <paramref name="y"/> in level-0 pixels.</summary>
    [LibraryImport(LibraryName, EntryPoint = "openslide_read_region")]
    internal static unsafe partial void ReadRegion(
        OpenSlideHandle osr,
        uint* destination,
        long x,
        long y,
        int level,
        long width,
        long height);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_property_names")]
    internal static partial nint GetPropertyNames(OpenSlideHandle osr);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_property_value", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GetPropertyValue(OpenSlideHandle osr, string name);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_associated_image_names")]
    internal static partial nint GetAssociatedImageNames(OpenSlideHandle osr);

    [LibraryImport(
        LibraryName,
        EntryPoint = "openslide_get_associated_image_dimensions",
        StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void GetAssociatedImageDimensions(
        OpenSlideHandle osr,
        string name,
        out long width,
        out long height);

    [LibraryImport(LibraryName, EntryPoint = "openslide_read_associated_image", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial void ReadAssociatedImage(OpenSlideHandle osr, string name, uint* destination);

    [LibraryImport(LibraryName, EntryPoint = "openslide_get_version")]
    internal static partial nint GetVersion();

    /// <summary>Copies a NUL-terminated UTF-8 string owned by OpenSlide, or returns null for a null pointer.</summary>
    internal static string? PtrToString(nint value) => Marshal.PtrToStringUTF8(value);

    /// <summary>Copies a NULL-terminated array of UTF-8 strings owned by OpenSlide.</summary>
    internal static List<string> PtrToStringList(nint array)
    {
        var values = new List<string>();
        if (array == 0)
        {
            return values;
        }

        for (var offset = 0; ; offset += nint.Size)
        {
            var item = Marshal.ReadIntPtr(array, offset);
            if (item == 0)
            {
                return values;
            }

            values.Add(Marshal.PtrToStringUTF8(item)!);
        }
    }
}
