namespace BladderLnAi.Imaging.Segmentation;

/// <summary>
/// A two-valued raster stored row by row, such as a tissue mask or a thresholded heatmap.
/// </summary>
public sealed class BinaryMask
{
    /// <summary>Creates an all-false mask.</summary>
    public BinaryMask(int width, int height)
        : this(width, height, new bool[checked(width * height)])
    {
    }

    /// <summary>Wraps an existing buffer, <c>y * width + x</c> being pixel (x, y).</summary>
    public BinaryMask(int width, int height, bool[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != checked(width * height))
        {
            throw new ArgumentException(
                $"Value buffer has {values.Length} entries but a {width} x {height} mask needs {width * height}.",
                nameof(values));
        }

        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Values, <c>y * Width + x</c> is pixel (x, y).</summary>
    public bool[] Values { get; }

    public bool this[int x, int y]
    {
        get => Values[y * Width + x];
        set => Values[y * Width + x] = value;
    }

    /// <summary>Counts the set pixels.</summary>
    public int Count()
    {
        var count = 0;
        foreach (var value in Values)
        {
            if (value)
            {
                count++;
            }
        }

        return count;
    }
}
