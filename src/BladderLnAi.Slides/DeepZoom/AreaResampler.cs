using System.Buffers;
using System.Runtime.CompilerServices;

namespace BladderLnAi.Slides;

/// <summary>
/// Scales interleaved 8-bit RGB images by area averaging: each output pixel is the mean of the source area it
/// covers, with partly covered source pixels weighted by the covered fraction.
/// </summary>
/// <remarks>
/// Area averaging is the box filter that pyramid builders use for downscaling (libvips' shrink, OpenCV's INTER_AREA).
/// It neither rings nor aliases when reducing, and it costs one multiply-add per source pixel and channel in each
/// direction. Upscaling by a few pixels, which only happens through rounding at slide edges, degrades to
/// nearest-neighbour. The loops are compiled fully optimised on first use, because a tile server that has just
/// started runs them before tiered compilation would have optimised them.
/// </remarks>
internal static class AreaResampler
{
    // Weights are fixed-point with 14 fraction bits and the horizontal pass keeps 8 more bits of the mean, so the
    // vertical sums stay below 255 * 2^8 * 2^14 < 2^31.
    private const int WeightBits = 14;
    private const int IntermediateBits = 8;

    /// <summary>
    /// Scales the <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> RGB image in
    /// <paramref name="source"/> to <paramref name="width"/> x <paramref name="height"/> in <paramref name="destination"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Resize(
        ReadOnlySpan<byte> source,
        int sourceWidth,
        int sourceHeight,
        Span<byte> destination,
        int width,
        int height)
    {
        CheckSizes(source, sourceWidth, sourceHeight, destination, width, height);
        var columns = Contributions.Create(sourceWidth, width);
        var rows = Contributions.Create(sourceHeight, height);
        var rowLength = width * 3;
        var intermediate = ArrayPool<ushort>.Shared.Rent(rowLength * sourceHeight);
        var sums = ArrayPool<int>.Shared.Rent(rowLength);
        try
        {
            for (var y = 0; y < sourceHeight; y++)
            {
                ResizeRow(source.Slice(y * sourceWidth * 3, sourceWidth * 3), columns, intermediate.AsSpan(y * rowLength, rowLength));
            }

            for (var y = 0; y < height; y++)
            {
                ResizeColumn(intermediate, rowLength, rows, y, sums, destination.Slice(y * rowLength, rowLength));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sums);
            ArrayPool<ushort>.Shared.Return(intermediate);
        }
    }

    /// <summary>
    /// Reduces an RGB image by an integer <paramref name="factor"/>: output pixel (x, y) is the mean of the source
    /// pixels from (x * factor, y * factor) up to the next multiple of the factor or the image edge, whichever comes
    /// first. The output is ceil(source / factor) pixels wide and high, the size rule of Deep Zoom levels.
    /// </summary>
    /// <param name="sourceStride">Bytes from one source row to the next, so that the source can be part of a larger image.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BoxReduce(
        ReadOnlySpan<byte> source,
        int sourceStride,
        int sourceWidth,
        int sourceHeight,
        int factor,
        Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceStride, sourceWidth * 3);
        var width = (sourceWidth + factor - 1) / factor;
        var height = (sourceHeight + factor - 1) / factor;
        CheckSizes(source, sourceWidth, sourceHeight, destination, width, height, sourceStride);
        if (factor == 2)
        {
            HalveRows(source, sourceStride, sourceWidth, sourceHeight, destination);
            return;
        }

        var sums = new int[width * 3];
        for (var y = 0; y < height; y++)
        {
            Array.Clear(sums);
            var firstRow = y * factor;
            var lastRow = Math.Min(firstRow + factor, sourceHeight);
            for (var sourceY = firstRow; sourceY < lastRow; sourceY++)
            {
                var row = source.Slice(sourceY * sourceStride, sourceWidth * 3);
                for (var x = 0; x < width; x++)
                {
                    var end = Math.Min((x + 1) * factor, sourceWidth) * 3;
                    int red = 0, green = 0, blue = 0;
                    for (var i = x * factor * 3; i < end; i += 3)
                    {
                        red += row[i];
                        green += row[i + 1];
                        blue += row[i + 2];
                    }

                    sums[x * 3] += red;
                    sums[x * 3 + 1] += green;
                    sums[x * 3 + 2] += blue;
                }
            }

            var rowCount = lastRow - firstRow;
            var output = destination.Slice(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                var count = (Math.Min((x + 1) * factor, sourceWidth) - x * factor) * rowCount;
                output[x * 3] = (byte)((sums[x * 3] + count / 2) / count);
                output[x * 3 + 1] = (byte)((sums[x * 3 + 1] + count / 2) / count);
                output[x * 3 + 2] = (byte)((sums[x * 3 + 2] + count / 2) / count);
            }
        }
    }

    /// <summary>
    /// The 2 x 2 case of <see cref="BoxReduce"/>, the common one between Deep Zoom levels, without the general loop's
    /// divisions. A last odd column or row averages the pixels it has.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HalveRows(ReadOnlySpan<byte> source, int sourceStride, int sourceWidth, int sourceHeight, Span<byte> destination)
    {
        var width = (sourceWidth + 1) / 2;
        var height = (sourceHeight + 1) / 2;
        var pairs = sourceWidth / 2;
        for (var y = 0; y < height; y++)
        {
            var top = source.Slice(2 * y * sourceStride, sourceWidth * 3);
            var bottom = 2 * y + 1 < sourceHeight ? source.Slice((2 * y + 1) * sourceStride, sourceWidth * 3) : top;
            var output = destination.Slice(y * width * 3, width * 3);
            for (var x = 0; x < pairs; x++)
            {
                var i = x * 6;
                output[x * 3] = (byte)((top[i] + top[i + 3] + bottom[i] + bottom[i + 3] + 2) >> 2);
                output[x * 3 + 1] = (byte)((top[i + 1] + top[i + 4] + bottom[i + 1] + bottom[i + 4] + 2) >> 2);
                output[x * 3 + 2] = (byte)((top[i + 2] + top[i + 5] + bottom[i + 2] + bottom[i + 5] + 2) >> 2);
            }

            if (width > pairs)
            {
                var i = pairs * 6;
                output[pairs * 3] = (byte)((top[i] + bottom[i] + 1) >> 1);
                output[pairs * 3 + 1] = (byte)((top[i + 1] + bottom[i + 1] + 1) >> 1);
                output[pairs * 3 + 2] = (byte)((top[i + 2] + bottom[i + 2] + 1) >> 1);
            }
        }
    }

    /// <summary>Scales one source row horizontally into the intermediate rows, keeping 8 fraction bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ResizeRow(ReadOnlySpan<byte> source, Contributions columns, Span<ushort> output)
    {
        const int shift = WeightBits - IntermediateBits;
        const int half = 1 << (shift - 1);
        fixed (byte* sourceStart = source)
        fixed (ushort* outputStart = output)
        fixed (int* starts = columns.Starts, counts = columns.Counts, offsets = columns.Offsets, weights = columns.Weights)
        {
            var target = outputStart;
            for (var x = 0; x < columns.Counts.Length; x++, target += 3)
            {
                int red = 0, green = 0, blue = 0;
                var pixel = sourceStart + starts[x] * 3;
                var weight = weights + offsets[x];
                for (var k = counts[x]; k > 0; k--, pixel += 3, weight++)
                {
                    red += *weight * pixel[0];
                    green += *weight * pixel[1];
                    blue += *weight * pixel[2];
                }

                target[0] = (ushort)((red + half) >> shift);
                target[1] = (ushort)((green + half) >> shift);
                target[2] = (ushort)((blue + half) >> shift);
            }
        }
    }

    /// <summary>Combines the intermediate rows that output row <paramref name="y"/> covers into its 8-bit values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ResizeColumn(ushort[] intermediate, int rowLength, Contributions rows, int y, int[] sums, Span<byte> output)
    {
        const int shift = WeightBits + IntermediateBits;
        const int half = 1 << (shift - 1);
        fixed (ushort* intermediateStart = intermediate)
        fixed (int* sumStart = sums)
        fixed (byte* outputStart = output)
        {
            new Span<int>(sumStart, rowLength).Fill(half);
            var offset = rows.Offsets[y];
            for (var k = 0; k < rows.Counts[y]; k++)
            {
                var weight = rows.Weights[offset + k];
                var row = intermediateStart + (long)(rows.Starts[y] + k) * rowLength;
                for (var i = 0; i < rowLength; i++)
                {
                    sumStart[i] += weight * row[i];
                }
            }

            for (var i = 0; i < rowLength; i++)
            {
                outputStart[i] = (byte)Math.Min(255, sumStart[i] >> shift);
            }
        }
    }

    private static void CheckSizes(
        ReadOnlySpan<byte> source,
        int sourceWidth,
        int sourceHeight,
        Span<byte> destination,
        int width,
        int height,
        int? sourceStride = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var sourceBytes = (long)(sourceStride ?? sourceWidth * 3) * (sourceHeight - 1) + sourceWidth * 3;
        if (source.Length < sourceBytes)
        {
            throw new ArgumentException(
                $"The source has {source.Length} bytes but a {sourceWidth} x {sourceHeight} RGB image needs {sourceBytes}.",
                nameof(source));
        }

        if (destination.Length < width * height * 3)
        {
            throw new ArgumentException(
                $"The destination has {destination.Length} bytes but a {width} x {height} RGB image needs {width * height * 3}.",
                nameof(destination));
        }
    }

    /// <summary>
    /// For each output pixel along one axis: the first source pixel it covers, how many it covers, and their weights,
    /// which sum to 2^14.
    /// </summary>
    private sealed class Contributions
    {
        private Contributions(int[] starts, int[] counts, int[] offsets, int[] weights)
        {
            Starts = starts;
            Counts = counts;
            Offsets = offsets;
            Weights = weights;
        }

        public int[] Starts { get; }

        public int[] Counts { get; }

        /// <summary>Index in <see cref="Weights"/> of each output pixel's first weight.</summary>
        public int[] Offsets { get; }

        public int[] Weights { get; }

        public static Contributions Create(int sourceLength, int length)
        {
            var scale = (double)sourceLength / length;
            var starts = new int[length];
            var counts = new int[length];
            var offsets = new int[length];
            var weights = new List<int>(length * ((int)Math.Ceiling(scale) + 1));
            for (var i = 0; i < length; i++)
            {
                var begin = i * scale;
                var end = Math.Min((i + 1) * scale, sourceLength);
                var first = Math.Min((int)Math.Floor(begin), sourceLength - 1);
                var last = Math.Clamp((int)Math.Ceiling(end) - 1, first, sourceLength - 1);
                starts[i] = first;
                counts[i] = last - first + 1;
                offsets[i] = weights.Count;
                AddWeights(weights, begin, end, first, last);
            }

            return new Contributions(starts, counts, offsets, [.. weights]);
        }

        /// <summary>
        /// Adds the covered fraction of each source pixel. Rounding the running total rather than each weight keeps
        /// every weight at 0 or more and makes them sum to exactly 2^14.
        /// </summary>
        private static void AddWeights(List<int> weights, double begin, double end, int first, int last)
        {
            const int total = 1 << WeightBits;
            var span = Math.Max(end - begin, 1e-12);
            var covered = 0.0;
            var previous = 0;
            for (var source = first; source <= last; source++)
            {
                covered += Math.Max(0, Math.Min(end, source + 1) - Math.Max(begin, source));
                var cumulative = source == last ? total : (int)Math.Round(Math.Min(covered / span, 1) * total);
                weights.Add(cumulative - previous);
                previous = cumulative;
            }
        }
    }
}
