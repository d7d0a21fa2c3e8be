using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>
/// Averages the fused probability maps of overlapping fields into one slide-level heatmap.
/// </summary>
public sealed class HeatmapAccumulator
{
    private readonly float[] _sum;
    private readonly float[] _weight;

    public HeatmapAccumulator(int width, int height)
    {
        Width = width;
        Height = height;
        _sum = new float[checked(width * height)];
        _weight = new float[_sum.Length];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Adds a field map whose top-left pixel lies at heatmap pixel (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void Add(FloatMap field, int left, int top)
    {
        var rows = Math.Min(field.Height, Height - top);
        var columns = Math.Min(field.Width, Width - left);
        for (var row = 0; row < rows; row++)
        {
            var source = field.Row(row);
            var offset = (top + row) * Width + left;
            for (var column = 0; column < columns; column++)
            {
                _sum[offset + column] += source[column];
                _weight[offset + column] += 1f;
            }
        }
    }

    /// <summary>
    /// Returns the averaged heatmap with every pixel outside the tissue mask (and every pixel no field covered) at 0.
    /// </summary>
    public FloatMap Build(BinaryMask tissue, double heatmapScale, double tissueScale)
    {
        var heatmap = new FloatMap(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            var tissueY = Math.Min(tissue.Height - 1, (int)((y + 0.5) * heatmapScale / tissueScale));
            for (var x = 0; x < Width; x++)
            {
                var index = y * Width + x;
                var tissueX = Math.Min(tissue.Width - 1, (int)((x + 0.5) * heatmapScale / tissueScale));
                var covered = _weight[index] > 0 && tissue[tissueX, tissueY];
                heatmap.Values[index] = covered ? _sum[index] / _weight[index] : 0f;
            }
        }

        return heatmap;
    }
}
