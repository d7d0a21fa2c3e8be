using System.Buffers.Binary;

namespace BladderLnAi.Tests;

/// <summary>
/// Builds broken and hostile slide files in a folder at test time, from the real sample slides and from small TIFF
/// files written here, so that no such file is ever committed.
/// </summary>
public static class HostileSlides
{
    /// <summary>A file the corpus wrote, and the reason a validator must give for rejecting it.</summary>
    public sealed record HostileFile(string FileName, string Expected);

    /// <summary>Extensions that the catalogue lists as slides, each of which gets a file of random bytes.</summary>
    public static readonly string[] RandomByteExtensions = [".svs", ".ndpi", ".mrxs", ".tif", ".tiff", ".scn", ".vms", ".bif"];

    /// <summary>
    /// Writes at least 30 broken or hostile files into <paramref name="folder"/>, with a symbolic link that points
    /// into <paramref name="outsideFolder"/>, and returns each with the reason expected. Random bytes come from
    /// <paramref name="seed"/>, so the corpus is the same at every run.
    /// </summary>
    public static List<HostileFile> Build(string folder, string outsideFolder, int seed = 20261204)
    {
        var random = new Random(seed);
        var files = new List<HostileFile>();
        void Add(string fileName, byte[] bytes, string expected)
        {
            File.WriteAllBytes(Path.Combine(folder, fileName), bytes);
            files.Add(new HostileFile(fileName, expected));
        }

        Add("empty.svs", [], "Empty");
        AddTruncated(Add, "CMU-1-Small-Region.svs", [8, 1024, 4096, 65536, 1_000_000]);
        AddTruncated(Add, "CMU-1-16x16.svs", [12, 300, 2048]);
        AddTruncated(Add, "test3-DAPI-2-387.ndpi", [16, 4096, 200_000]);
        AddTruncated(Add, "CMU-1-Small-Region-generic.tiff", [64, 100_000]);
        foreach (var extension in RandomByteExtensions)
        {
            Add($"random{extension}", RandomBytes(random, 64 * 1024), "NotASlide");
        }

        var tiffNoise = RandomBytes(random, 4096);
        "II*\0"u8.CopyTo(tiffNoise);
        Add("tiff-header-noise.svs", tiffNoise, "NotASlide");
        Add("absurd-dimensions.tiff", TiledTiff(1u << 31, 1u << 31, 256, Rgb(256, 255), Tamper.None), "NotASlide");
        Add("too-wide.tiff", TiledTiff(1_500_000, 512, 256, Rgb(256, 200), Tamper.None), "TooLarge");
        Add("offsets-past-end.tif", TiledTiff(512, 512, 256, Rgb(256, 128), Tamper.OffsetPastEnd), "NotASlide");
        Add("blank-white.tif", TiledTiff(1024, 768, 256, Rgb(256, 255), Tamper.None), "Blank");
        Add("blank-transparent.tif", TiledTiff(1024, 768, 256, new TileData(new byte[256 * 256 * 4], 4, 1), Tamper.None), "Blank");
        Add("jpeg-bomb.svs", TiledTiff(65500, 65500, 65536, new TileData(JpegBombHeader(), 3, 7), Tamper.None), "NotASlide");
        Add("淋巴结-3.svs", RandomBytes(random, 8192), "NotASlide");
        Add("back\\..\\slash.svs", File.ReadAllBytes(TestPaths.SampleSlide("CMU-1-16x16.svs")), "InvalidFileName");
        Add("bell\u0007.svs", File.ReadAllBytes(TestPaths.SampleSlide("CMU-1-16x16.svs")), "InvalidFileName");
        Add("node\u202Esvs.tif", File.ReadAllBytes(TestPaths.SampleSlide("CMU-1-16x16.svs")), "InvalidFileName");

        var damagedTiles = File.ReadAllBytes(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        damagedTiles.AsSpan(16, 1000).Fill(0x55);
        Add("damaged-tiles.svs", damagedTiles, "UnreadablePixels");
        var damagedNdpi = File.ReadAllBytes(TestPaths.SampleSlide("test3-DAPI-2-387.ndpi"));
        damagedNdpi.AsSpan(4732, 64).Fill(0x55);
        Add("damaged-directory.ndpi", damagedNdpi, "NotASlide");

        var outsideSlide = Path.Combine(outsideFolder, "outside.svs");
        File.Copy(TestPaths.SampleSlide("CMU-1-16x16.svs"), outsideSlide, overwrite: true);
        File.CreateSymbolicLink(Path.Combine(folder, "link-out.svs"), outsideSlide);
        files.Add(new HostileFile("link-out.svs", "OutsideSlideFolder"));
        File.CreateSymbolicLink(Path.Combine(folder, "broken-link.svs"), Path.Combine(outsideFolder, "missing.svs"));
        files.Add(new HostileFile("broken-link.svs", "OutsideSlideFolder"));
        return files;
    }

    /// <summary>Writes a tiled TIFF that OpenSlide opens as a generic TIFF and whose every pixel is white.</summary>
    public static byte[] BlankWhiteTiff() => TiledTiff(1024, 768, 256, Rgb(256, 255), Tamper.None);

    /// <summary>Writes a tiled TIFF of uncompressed white and grey stripes that OpenSlide opens as a generic TIFF.</summary>
    public static byte[] StripedTiff(int width, int height)
    {
        var tile = new byte[256 * 256 * 3];
        for (var i = 0; i < tile.Length; i++)
        {
            tile[i] = (byte)(i / 3 % 256 < 128 ? 255 : 90);
        }

        return TiledTiff((uint)width, (uint)height, 256, new TileData(tile, 3, 1), Tamper.None);
    }

    private static void AddTruncated(Action<string, byte[], string> add, string sample, long[] lengths)
    {
        var bytes = File.ReadAllBytes(TestPaths.SampleSlide(sample));
        var stem = Path.GetFileNameWithoutExtension(sample);
        var extension = Path.GetExtension(sample);
        foreach (var length in lengths.Where(length => length < bytes.Length))
        {
            add($"{stem}-cut-{length}{extension}", bytes[..(int)length], "NotASlide");
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static TileData Rgb(int side, byte value)
    {
        var data = new byte[side * side * 3];
        data.AsSpan().Fill(value);
        return new TileData(data, 3, 1);
    }

    /// <summary>The start of a baseline JPEG whose frame header declares 65500 x 65500 pixels.</summary>
    private static byte[] JpegBombHeader() =>
        [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xDC, 0xFF, 0xDC, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9];

    private enum Tamper
    {
        None,
        OffsetPastEnd,
    }

    /// <summary>One tile's bytes, shared by every tile of the image, with its samples per pixel and TIFF compression.</summary>
    private sealed record TileData(byte[] Bytes, int SamplesPerPixel, ushort Compression);

    /// <summary>Writes a little-endian classic TIFF with one tiled image whose tiles all share one block of data.</summary>
    private static byte[] TiledTiff(uint width, uint height, uint tileSide, TileData tile, Tamper tamper)
    {
        var tileCount = (int)Math.Min((width + tileSide - 1L) / tileSide * ((height + tileSide - 1L) / tileSide), 1 << 20);
        const int dataOffset = 8;
        var arraysOffset = dataOffset + tile.Bytes.Length;
        var bitsOffset = arraysOffset + tileCount * 8;
        var directoryOffset = bitsOffset + 8;
        var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)>
        {
            (256, 4, 1, width),
            (257, 4, 1, height),
            (258, 3, (uint)tile.SamplesPerPixel, tile.SamplesPerPixel <= 2 ? 8u | 8u << 16 : (uint)bitsOffset),
            (259, 3, 1, tile.Compression),
            (262, 3, 1, tile.Compression == 7 ? 6u : 2u),
            (277, 3, 1, (uint)tile.SamplesPerPixel),
            (284, 3, 1, 1),
            (322, 4, 1, tileSide),
            (323, 4, 1, tileSide),
            (324, 4, (uint)tileCount, tileCount == 1 ? dataOffset : (uint)arraysOffset),
            (325, 4, (uint)tileCount, tileCount == 1 ? (uint)tile.Bytes.Length : (uint)(arraysOffset + tileCount * 4)),
        };
        if (tile.SamplesPerPixel == 4)
        {
            entries.Add((338, 3, 1, 2)); // ExtraSamples: unassociated alpha
        }

        var buffer = new byte[directoryOffset + 2 + entries.Count * 12 + 4];
        var span = buffer.AsSpan();
        "II*\0"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)directoryOffset);
        tile.Bytes.CopyTo(span[dataOffset..]);
        for (var i = 0; i < tileCount; i++)
        {
            var offset = tamper == Tamper.OffsetPastEnd && i == tileCount - 1 ? 1u << 30 : dataOffset;
            BinaryPrimitives.WriteUInt32LittleEndian(span[(arraysOffset + i * 4)..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(arraysOffset + tileCount * 4 + i * 4)..], (uint)tile.Bytes.Length);
        }

        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[(bitsOffset + i * 2)..], 8);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(span[directoryOffset..], (ushort)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (tag, type, count, value) = entries[i];
            var entry = span[(directoryOffset + 2 + i * 12)..];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], count);
            if (type == 3 && count == 1)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], value);
            }
        }

        return buffer;
    }
}
