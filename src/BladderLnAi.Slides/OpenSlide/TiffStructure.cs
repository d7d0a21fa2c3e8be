using System.Buffers.Binary;

namespace BladderLnAi.Slides;

/// <summary>
/// A bounded walk over the directories of a TIFF or BigTIFF file that finds structures OpenSlide would trust:
/// directories or tiles past the end of the file, absurd image sizes and tiles too large to decode.
/// </summary>
/// <remarks>
/// OpenSlide 3.4.1 and libtiff allocate a buffer for a whole decoded tile, so a tile that declares 65536 x 65536
/// pixels needs 16 GiB. Checking the directories first turns such a file into a clear error instead of an
/// out-of-memory crash of the server. Only the tags that locate pixel data are read.
/// </remarks>
internal static class TiffStructure
{
    /// <summary>Largest width or height of one image accepted, in pixels (about 4 million).</summary>
    public const long MaxImageSide = 1L << 22;

    /// <summary>
    /// Largest tile width or height accepted, in pixels. The sample slides use tiles of 240 and 256 pixels, so the
    /// limit leaves a wide margin for other scanners.
    /// </summary>
    public const long MaxTileSide = 16384;

    private const int MaxDirectories = 256;
    private const int MaxEntries = 4096;
    private const long MaxChunkCount = 64L * 1024 * 1024;

    private const ushort ImageWidthTag = 256;
    private const ushort ImageLengthTag = 257;
    private const ushort StripOffsetsTag = 273;
    private const ushort StripByteCountsTag = 279;
    private const ushort TileWidthTag = 322;
    private const ushort TileLengthTag = 323;
    private const ushort TileOffsetsTag = 324;
    private const ushort TileByteCountsTag = 325;

    /// <summary>Returns whether the bytes start a classic TIFF or a BigTIFF file, in either byte order.</summary>
    public static bool IsTiffHeader(ReadOnlySpan<byte> header) =>
        header.Length >= 4
        && (header[..4].SequenceEqual("II*\0"u8)
            || header[..4].SequenceEqual("MM\0*"u8)
            || header[..4].SequenceEqual("II+\0"u8)
            || header[..4].SequenceEqual("MM\0+"u8));

    /// <summary>
    /// Returns what is wrong with the TIFF structure of <paramref name="stream"/> as a phrase that follows
    /// "could not be opened: ", or null when it looks sound or is not a TIFF file.
    /// </summary>
    public static string? FindProblem(Stream stream)
    {
        var reader = new Reader(stream);
        Span<byte> header = stackalloc byte[16];
        if (!reader.TryRead(0, header[..8]) || !IsTiffHeader(header))
        {
            return null;
        }

        reader.BigEndian = header[0] == 'M';
        reader.BigTiff = reader.ReadUInt16(header[2..]) == 43;
        long next;
        if (reader.BigTiff)
        {
            if (!reader.TryRead(8, header[8..16]))
            {
                return $"the BigTIFF header is cut off at {reader.Length} bytes";
            }

            next = (long)reader.ReadUInt64(header[8..]);
        }
        else
        {
            next = reader.ReadUInt32(header[4..]);
        }

        var visited = new HashSet<long>();
        for (var index = 0; next != 0; index++)
        {
            if (index >= MaxDirectories || !visited.Add(next))
            {
                return $"its image directories loop or number more than {MaxDirectories}";
            }

            var problem = CheckDirectory(reader, index, next, out next);
            if (problem is not null)
            {
                return problem;
            }
        }

        return visited.Count == 0 ? "the TIFF file has no image directory" : null;
    }

    private static string? CheckDirectory(Reader reader, int index, long offset, out long next)
    {
        next = 0;
        var (countSize, entrySize) = reader.BigTiff ? (8, 20) : (2, 12);
        Span<byte> countBytes = stackalloc byte[8];
        if (offset < 8 || !reader.TryRead(offset, countBytes[..countSize]))
        {
            return $"image directory {index} starts at byte {offset}, past the end of the {reader.Length}-byte file";
        }

        var count = countSize == 8 ? (long)reader.ReadUInt64(countBytes) : reader.ReadUInt16(countBytes);
        if (count is 0 or > MaxEntries)
        {
            return $"image directory {index} has {count} entries";
        }

        var table = new byte[count * entrySize + (reader.BigTiff ? 8 : 4)];
        if (!reader.TryRead(offset + countSize, table))
        {
            return $"image directory {index} is cut off at byte {reader.Length}";
        }

        var image = new ImageTags();
        for (var entry = 0; entry < count; entry++)
        {
            var problem = ReadEntry(reader, table.AsSpan(entry * entrySize, entrySize), image);
            if (problem is not null)
            {
                return $"image directory {index} {problem}";
            }
        }

        var nextField = table.AsSpan((int)(count * entrySize));
        next = reader.BigTiff ? (long)Math.Min(reader.ReadUInt64(nextField), long.MaxValue) : reader.ReadUInt32(nextField);
        return CheckImage(reader, index, image);
    }

    private static string? ReadEntry(Reader reader, ReadOnlySpan<byte> entry, ImageTags image)
    {
        var tag = reader.ReadUInt16(entry);
        var type = reader.ReadUInt16(entry[2..]);
        var valueSize = reader.BigTiff ? 8 : 4;
        var count = reader.BigTiff ? (long)reader.ReadUInt64(entry[4..]) : reader.ReadUInt32(entry[4..]);
        var field = entry.Slice(4 + valueSize, valueSize);
        var length = TypeSize(type) * count;
        if (length > valueSize)
        {
            var offset = valueSize == 8 ? (long)Math.Min(reader.ReadUInt64(field), long.MaxValue / 2) : reader.ReadUInt32(field);
            if (offset + length > reader.Length && reader.Length <= uint.MaxValue)
            {
                return $"has a value of tag {tag} that ends at byte {offset + length}, past the end of the "
                    + $"{reader.Length}-byte file (the file is truncated)";
            }
        }

        switch (tag)
        {
            case ImageWidthTag:
                image.Width = reader.ReadScalar(type, field);
                break;
            case ImageLengthTag:
                image.Height = reader.ReadScalar(type, field);
                break;
            case TileWidthTag:
                image.TileWidth = reader.ReadScalar(type, field);
                break;
            case TileLengthTag:
                image.TileHeight = reader.ReadScalar(type, field);
                break;
            case TileOffsetsTag or StripOffsetsTag:
                return reader.TryReadArray(type, count, field, out image.Offsets) ? null : "has an unreadable list of data offsets";
            case TileByteCountsTag or StripByteCountsTag:
                return reader.TryReadArray(type, count, field, out image.ByteCounts) ? null : "has an unreadable list of data sizes";
        }

        return null;
    }

    /// <summary>Returns the size in bytes of one value of a TIFF field type, or 0 for an unknown type.</summary>
    private static long TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 0,
    };

    private static string? CheckImage(Reader reader, int index, ImageTags image)
    {
        if (image.Width is < 1 or > MaxImageSide || image.Height is < 1 or > MaxImageSide)
        {
            return $"image {index} declares {image.Width} x {image.Height} pixels, which is empty or over the limit of "
                + $"{MaxImageSide} pixels a side";
        }

        if (image.TileWidth > MaxTileSide || image.TileHeight > MaxTileSide)
        {
            var gibibytes = image.TileWidth * image.TileHeight * 4 / (1024.0 * 1024 * 1024);
            return $"image {index} declares tiles of {image.TileWidth} x {image.TileHeight} pixels, over the limit of "
                + $"{MaxTileSide}; decoding one would need {gibibytes:0.#} GiB";
        }

        if (image.Offsets.Length != image.ByteCounts.Length)
        {
            return $"image {index} lists {image.Offsets.Length} data offsets but {image.ByteCounts.Length} data sizes";
        }

        for (var chunk = 0; chunk < image.Offsets.Length; chunk++)
        {
            // NOTE: NDPI files over 4 GiB keep the high bits of their offsets elsewhere, which this check does not
            // read, so it skips the end test for them.
            var end = image.Offsets[chunk] + image.ByteCounts[chunk];
            if (image.ByteCounts[chunk] > 0 && end > reader.Length && reader.Length <= uint.MaxValue)
            {
                return $"tile or strip {chunk} of image {index} ends at byte {end}, past the end of the "
                    + $"{reader.Length}-byte file (the file is truncated)";
            }
        }

        return null;
    }

    private sealed class ImageTags
    {
        public long Width;
        public long Height;
        public long TileWidth;
        public long TileHeight;
        public long[] Offsets = [];
        public long[] ByteCounts = [];
    }

    /// <summary>Reads TIFF values in the file's byte order.</summary>
    private sealed class Reader(Stream stream)
    {
        public long Length { get; } = stream.Length;

        public bool BigEndian { get; set; }

        public bool BigTiff { get; set; }

        public bool TryRead(long offset, Span<byte> destination)
        {
            if (offset < 0 || offset + destination.Length > Length)
            {
                return false;
            }

            stream.Position = offset;
            return stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) == destination.Length;
        }

        public ushort ReadUInt16(ReadOnlySpan<byte> bytes) =>
            BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

        public uint ReadUInt32(ReadOnlySpan<byte> bytes) =>
            BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

        public ulong ReadUInt64(ReadOnlySpan<byte> bytes) =>
            BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);

        /// <summary>Reads one SHORT, LONG or LONG8 value stored in an entry's value field; other types read as 0.</summary>
        public long ReadScalar(ushort type, ReadOnlySpan<byte> field) => type switch
        {
            3 => ReadUInt16(field),
            4 or 13 => ReadUInt32(field),
            16 or 18 when field.Length == 8 => (long)Math.Min(ReadUInt64(field), long.MaxValue),
            _ => 0,
        };

        /// <summary>Reads an array of SHORT, LONG or LONG8 values, inline or at the offset in the value field.</summary>
        public bool TryReadArray(ushort type, long count, ReadOnlySpan<byte> field, out long[] values)
        {
            values = [];
            var size = type switch { 3 => 2, 4 or 13 => 4, 16 or 18 => 8, _ => 0 };
            if (size == 0 || count < 0 || count > MaxChunkCount || count * size > Length)
            {
                return false;
            }

            var bytes = new byte[count * size];
            if (bytes.Length <= field.Length)
            {
                field[..bytes.Length].CopyTo(bytes);
            }
            else
            {
                var offset = field.Length == 8 ? (long)Math.Min(ReadUInt64(field), long.MaxValue) : ReadUInt32(field);
                if (!TryRead(offset, bytes))
                {
                    return false;
                }
            }

            values = new long[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = ReadScalar(type, bytes.AsSpan(i * size, size));
            }

            return true;
        }
    }
}
