using System.Numerics;
using System.Runtime.CompilerServices;
using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// Samples output rows bilinearly from a source raster at the positions of a <see cref="RowMapper"/>.
/// A raster of width W has pixel x centred at (x + 0.5) / W, and positions beyond the outer centres
/// take the edge pixel. One instance serves one thread.
/// </summary>
/// <remarks>
/// Positions are rounded to 1/256 pixel and blended in integer arithmetic (floats for float maps).
/// Rounding to the nearest step keeps an identity grid exact despite float error in the positions.
/// </remarks>
internal sealed class BilinearRowSampler(RowMapper mapper)
{
    private const int FractionBits = 8;
    private const int FractionMask = (1 << FractionBits) - 1;
    private const float FixedScale = 1 << FractionBits;

    private readonly int[] sourceX = new int[mapper.U.Length];
    private readonly int[] sourceY = new int[mapper.U.Length];

    public unsafe void SampleRgb(RgbImage source, AxisPosition row, Span<byte> destinationRow)
    {
        MapToFixed(row, source.Width, source.Height);
        var width = source.Width;
        var lastX = width - 1;
        var rowStride = width * 3;
        var lastRowOffset = (source.Height - 1) * rowStride;
        fixed (byte* pixels = source.Pixels)
        fixed (byte* output = destinationRow)
        {
            // Safety: MapToFixed clamps positions to the raster, and the steps are 0 on its last column
            // and row, so every read lies inside Pixels. destinationRow has 3 bytes per position.
            for (var c = 0; c < sourceX.Length; c++)
            {
                var (x0, fx) = (sourceX[c] >> FractionBits, sourceX[c] & FractionMask);
                var (y0, fy) = (sourceY[c] >> FractionBits, sourceY[c] & FractionMask);
                var top = pixels + y0 * rowStride + x0 * 3;
                var stepX = x0 < lastX ? 3 : 0;
                var bottom = top + (y0 * rowStride < lastRowOffset ? rowStride : 0);
                var target = output + c * 3;
                target[0] = Blend(top, bottom, stepX, fx, fy);
                target[1] = Blend(top + 1, bottom + 1, stepX, fx, fy);
                target[2] = Blend(top + 2, bottom + 2, stepX, fx, fy);
            }
        }
    }

    public unsafe void SampleMap(FloatMap source, AxisPosition row, Span<float> destinationRow)
    {
        MapToFixed(row, source.Width, source.Height);
        var width = source.Width;
        var lastX = width - 1;
        var lastY = source.Height - 1;
        fixed (float* values = source.Values)
        {
            // Safety: as in SampleRgb, the clamped positions keep every read inside Values.
            for (var c = 0; c < sourceX.Length; c++)
            {
                var (x0, fx) = (sourceX[c] >> FractionBits, (sourceX[c] & FractionMask) / FixedScale);
                var (y0, fy) = (sourceY[c] >> FractionBits, (sourceY[c] & FractionMask) / FixedScale);
                var top = values + y0 * width + x0;
                var stepX = x0 < lastX ? 1 : 0;
                var bottom = top + (y0 < lastY ? width : 0);
                var upper = top[0] + fx * (top[stepX] - top[0]);
                var lower = bottom[0] + fx * (bottom[stepX] - bottom[0]);
                destinationRow[c] = upper + fy * (lower - upper);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe byte Blend(byte* top, byte* bottom, int stepX, int fx, int fy)
    {
        var upper = (top[0] << FractionBits) + fx * (top[stepX] - top[0]);
        var lower = (bottom[0] << FractionBits) + fx * (bottom[stepX] - bottom[0]);
        const int Half = 1 << (2 * FractionBits - 1);
        return (byte)(((upper << FractionBits) + fy * (lower - upper) + Half) >> (2 * FractionBits));
    }

    /// <summary>Maps the row and converts it to source pixel positions in 1/256 pixel, clamped to the raster.</summary>
    private void MapToFixed(AxisPosition row, int width, int height)
    {
        mapper.MapRow(row);
        ToFixed(mapper.U, width, sourceX);
        ToFixed(mapper.V, height, sourceY);
    }

    /// <summary>Computes round(clamp(p * pixels - 0.5, 0, pixels - 1) * 256) for each normalised position p.</summary>
    private static void ToFixed(float[] positions, int pixels, int[] result)
    {
        var scale = pixels * FixedScale;
        var max = (pixels - 1) * FixedScale;
        const float Offset = -FixedScale / 2;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scaleVector = new Vector<float>(scale);
            var maxVector = new Vector<float>(max);
            var offsetVector = new Vector<float>(Offset);
            for (; i <= positions.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var scaled = new Vector<float>(positions, i) * scaleVector + offsetVector;
                var clamped = Vector.Min(Vector.Max(scaled, Vector<float>.Zero), maxVector);
                Vector.ConvertToInt32(clamped + new Vector<float>(0.5f)).CopyTo(result, i);
            }
        }

        for (; i < positions.Length; i++)
        {
            result[i] = (int)(Math.Clamp(positions[i] * scale + Offset, 0f, max) + 0.5f);
        }
    }
}
