namespace BladderLnAi.Imaging.Rasters;

/// <summary>
/// A single-channel float raster stored row by row, such as a probability map or a saliency map.
/// </summary>
public sealed class FloatMap
{
    public FloatMap(int width, int height)
        : this(width, height, new float[checked(width * height)])
    {
    }

    public FloatMap(int width, int height, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (values.Length != checked(width * height))
        {
            throw new ArgumentException(
                $"Value buffer has {values.Length} entries but a {width} x {height} map needs {width * height}.",
                nameof(values));
        }

        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Values, <c>y * Width + x</c> is pixel (x, y).</summary>
    public float[] Values { get; }

    public float this[int x, int y]
    {
        get => Values[y * Width + x];
        set => Values[y * Width + x] = value;
    }

    public Span<float> Row(int y) => Values.AsSpan(y * Width, Width);
}
