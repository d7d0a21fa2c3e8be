using System.Buffers.Binary;
using System.Text;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Writes a tiled, JPEG-compressed, little-endian TIFF one tile at a time, so that a slide of any size needs memory
/// only for its tile index. Tiles come first and directories last. At <see cref="Finish"/> the file becomes a classic
/// TIFF when it fits in 4 GiB and a BigTIFF otherwise (the header space is reserved for either).
/// </summary>
/// <remarks>
/// Each tile contains a complete JPEG stream (with its own quantisation and Huffman tables), so no JPEGTables tag is
/// written. OpenSlide's Aperio driver of the 3.4 series hands JPEG tiles to libtiff (<c>TIFFRGBAImage</c> in
/// <c>openslide-decode-tiff.c</c>), whose JPEG codec decodes such tiles. The tests open the files with Debian's
/// OpenSlide 3.4.1. Tiles are YCbCr with 4:2:0 subsampling, which the YCbCrSubsampling tag records.
/// </remarks>
internal sealed class TiledTiffWriter : IDisposable
{
    private const int HeaderSize = 16;

    private readonly FileStream _stream;
    private readonly List<Directory> _directories = [];

    public TiledTiffWriter(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        _stream.Write(new byte[HeaderSize]);
    }

    /// <summary>Adds a tiled image (a pyramid level) and returns its index.</summary>
    /// <param name="pixelsPerCentimetre">Resolution written to the XResolution and YResolution tags.</param>
    public int AddImage(int width, int height, int tileSize, string description, double pixelsPerCentimetre, bool reduced)
    {
        if (description.Any(c => c > 127))
        {
            throw new ArgumentException("A TIFF ImageDescription must be 7-bit ASCII.", nameof(description));
        }

        var tilesAcross = (width + tileSize - 1) / tileSize;
        var tilesDown = (height + tileSize - 1) / tileSize;
        _directories.Add(new Directory(width, height, tileSize, description, pixelsPerCentimetre, reduced, tilesAcross * tilesDown));
        return _directories.Count - 1;
    }

    /// <summary>Appends one compressed tile. <paramref name="tileIndex"/> counts tiles row by row.</summary>
    public void WriteTile(int image, int tileIndex, ReadOnlySpan<byte> data)
    {
        var directory = _directories[image];
        if (directory.ByteCounts[tileIndex] != 0)
        {
            throw new InvalidOperationException($"Tile {tileIndex} of image {image} was already written.");
        }

        directory.Offsets[tileIndex] = _stream.Position;
        directory.ByteCounts[tileIndex] = data.Length;
        _stream.Write(data);
    }

    /// <summary>Writes the image directories and the header, then flushes the file.</summary>
    /// <exception cref="InvalidOperationException">A tile was never written.</exception>
    public void Finish()
    {
        for (var image = 0; image < _directories.Count; image++)
        {
            var missing = Array.IndexOf(_directories[image].ByteCounts, 0L);
            if (missing >= 0)
            {
                throw new InvalidOperationException($"Tile {missing} of image {image} was never written.");
            }
        }

        var dataEnd = Align(_stream.Position);
        var classicSize = dataEnd + _directories.Sum(directory => DirectorySize(directory, bigTiff: false));
        // NOTE: the BigTIFF branch runs only for files over 4 GiB, which no automated test writes.
        var bigTiff = classicSize > uint.MaxValue;

        _stream.Position = dataEnd;
        var offset = dataEnd;
        for (var i = 0; i < _directories.Count; i++)
        {
            var size = DirectorySize(_directories[i], bigTiff);
            var next = i + 1 < _directories.Count ? offset + size : 0;
            _stream.Write(EncodeDirectory(_directories[i], offset, next, bigTiff));
            offset += size;
        }

        _stream.Position = 0;
        _stream.Write(EncodeHeader(dataEnd, bigTiff));
        _stream.Flush(flushToDisk: false);
    }

    /// <summary>Closes the file. A file closed before <see cref="Finish"/> has no directories and is not a valid TIFF.</summary>
    public void Dispose() => _stream.Dispose();

    private static byte[] EncodeHeader(long firstDirectory, bool bigTiff)
    {
        var header = new byte[HeaderSize];
        header[0] = (byte)'I';
        header[1] = (byte)'I';
        if (bigTiff)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 43);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 8);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), (ulong)firstDirectory);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 42);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)firstDirectory);
        }

        return header;
    }

    private static long DirectorySize(Directory directory, bool bigTiff) =>
        EncodeDirectory(directory, 0, 0, bigTiff).Length;

    /// <summary>Encodes a directory at <paramref name="offset"/> followed by the values that do not fit in its entries.</summary>
    private static byte[] EncodeDirectory(Directory directory, long offset, long next, bool bigTiff)
    {
        var entries = Entries(directory, bigTiff);
        var (countSize, entrySize, valueSize) = bigTiff ? (8, 20, 8) : (2, 12, 4);
        var tableSize = countSize + entries.Count * entrySize + valueSize;
        var extraSize = entries.Sum(entry => entry.Value.Length > valueSize ? Align(entry.Value.Length) : 0);
        var buffer = new byte[Align(tableSize + extraSize)];
        var span = buffer.AsSpan();

        WriteUnsigned(span, bigTiff ? 8 : 2, (ulong)entries.Count);
        var position = countSize;
        var extra = tableSize;
        foreach (var (tag, type, count, value) in entries)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[position..], tag);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(position + 2)..], type);
            WriteUnsigned(span[(position + 4)..], valueSize, (ulong)count);
            var valueField = span.Slice(position + 4 + valueSize, valueSize);
            if (value.Length <= valueSize)
            {
                value.CopyTo(valueField);
            }
            else
            {
                WriteUnsigned(valueField, valueSize, (ulong)(offset + extra));
                value.CopyTo(span[extra..]);
                extra += (int)Align(value.Length);
            }

            position += entrySize;
        }

        WriteUnsigned(span[position..], valueSize, (ulong)next);
        return buffer;
    }

    private static List<(ushort Tag, ushort Type, long Count, byte[] Value)> Entries(Directory directory, bool bigTiff)
    {
        const ushort Ascii = 2;
        const ushort Short = 3;
        const ushort Long = 4;
        const ushort Rational = 5;
        const ushort Long8 = 16;

        var description = Encoding.ASCII.GetBytes(directory.Description + "\0");
        var resolution = Rationals(directory.PixelsPerCentimetre);
        var offsets = bigTiff
            ? Pack(directory.Offsets, 8)
            : Pack(directory.Offsets, 4);
        return
        [
            (254, Long, 1, Pack([directory.Reduced ? 1 : 0], 4)),
            (256, Long, 1, Pack([directory.Width], 4)),
            (257, Long, 1, Pack([directory.Height], 4)),
            (258, Short, 3, Pack([8, 8, 8], 2)),
            (259, Short, 1, Pack([7], 2)), // JPEG
            (262, Short, 1, Pack([6], 2)), // YCbCr
            (270, Ascii, description.Length, description),
            (277, Short, 1, Pack([3], 2)),
            (282, Rational, 1, resolution),
            (283, Rational, 1, resolution),
            (284, Short, 1, Pack([1], 2)), // chunky
            (296, Short, 1, Pack([3], 2)), // centimetre
            (322, Long, 1, Pack([directory.TileSize], 4)),
            (323, Long, 1, Pack([directory.TileSize], 4)),
            (324, bigTiff ? Long8 : Long, directory.Offsets.Length, offsets),
            (325, Long, directory.ByteCounts.Length, Pack(directory.ByteCounts, 4)),
            (530, Short, 2, Pack([2, 2], 2)),
        ];
    }

    /// <summary>Encodes a resolution as a rational with denominator 1000.</summary>
    private static byte[] Rationals(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)Math.Round(value * 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 1000);
        return bytes;
    }

    private static byte[] Pack(long[] values, int size)
    {
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            WriteUnsigned(bytes.AsSpan(i * size), size, checked((ulong)values[i]));
        }

        return bytes;
    }

    private static void WriteUnsigned(Span<byte> destination, int size, ulong value)
    {
        switch (size)
        {
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(destination, checked((ushort)value));
                break;
            case 4:
                BinaryPrimitives.WriteUInt32LittleEndian(destination, checked((uint)value));
                break;
            default:
                BinaryPrimitives.WriteUInt64LittleEndian(destination, value);
                break;
        }
    }

    /// <summary>Rounds up to a multiple of 8, which keeps every directory and value on a word boundary.</summary>
    private static long Align(long value) => (value + 7) & ~7L;

    private sealed class Directory(
        int width, int height, int tileSize, string description, double pixelsPerCentimetre, bool reduced, int tileCount)
    {
        public int Width => width;

        public int Height => height;

        public int TileSize => tileSize;

        public string Description => description;

        public double PixelsPerCentimetre => pixelsPerCentimetre;

        public bool Reduced => reduced;

        public long[] Offsets { get; } = new long[tileCount];

        public long[] ByteCounts { get; } = new long[tileCount];
    }
}
