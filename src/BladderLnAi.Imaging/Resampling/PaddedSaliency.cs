using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// A saliency map padded by <see cref="Padding"/> replicated cells on every side, with the cell
/// positions continued linearly into the padding: padded column c sits at x' = (c - padding + 0.5) / width.
/// </summary>
internal sealed class PaddedSaliency
{
    private readonly double[] values;
    private readonly int paddedWidth;

    public PaddedSaliency(FloatMap saliency, int padding)
    {
        Width = saliency.Width;
        Height = saliency.Height;
        Padding = padding;
        paddedWidth = Width + 2 * padding;
        values = new double[paddedWidth * (Height + 2 * padding)];
        for (var row = 0; row < Height + 2 * padding; row++)
        {
            var sourceRow = Math.Clamp(row - padding, 0, Height - 1);
            for (var column = 0; column < paddedWidth; column++)
            {
                values[row * paddedWidth + column] = saliency[Math.Clamp(column - padding, 0, Width - 1), sourceRow];
            }
        }
    }

    public int Width { get; }

    public int Height { get; }

    public int Padding { get; }

    public double PositionX(int paddedColumn) => (paddedColumn - Padding + 0.5) / Width;

    public double PositionY(int paddedRow) => (paddedRow - Padding + 0.5) / Height;

    /// <summary>
    /// Convolves every padded row with the kernel, keeping the <see cref="Width"/> output columns.
    /// Entry (row, i) of the result is at <c>row * Width + i</c>.
    /// </summary>
    public double[] ConvolveRows(double[] kernel) => ConvolveRows(kernel, weightByX: false);

    /// <summary>Like <see cref="ConvolveRows(double[])"/>, for S(x') x'.</summary>
    public double[] ConvolveRowsWeightedByX(double[] kernel) => ConvolveRows(kernel, weightByX: true);

    private double[] ConvolveRows(double[] kernel, bool weightByX)
    {
        var rows = Height + 2 * Padding;
        var result = new double[rows * Width];
        for (var row = 0; row < rows; row++)
        {
            var offset = row * paddedWidth;
            for (var i = 0; i < Width; i++)
            {
                var sum = 0.0;
                for (var k = 0; k < kernel.Length; k++)
                {
                    var column = i + k;
                    var weight = kernel[k] * values[offset + column];
                    sum += weightByX ? weight * PositionX(column) : weight;
                }

                result[row * Width + i] = sum;
            }
        }

        return result;
    }
}
