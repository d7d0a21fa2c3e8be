namespace BladderLnAi.Training.Synthetic;

/// <summary>The size, resolution and seed of one synthetic slide.</summary>
public sealed record SyntheticSlideOptions
{
    /// <summary>Smallest accepted width and height: room for a node, its capsule and a few foci.</summary>
    public const int MinimumSide = 1024;

    /// <summary>Largest accepted width and height, a 100 mm side at 0.25 um per pixel.</summary>
    public const int MaximumSide = 400_000;

    public const double MinimumMicronsPerPixel = 0.1;

    public const double MaximumMicronsPerPixel = 2.0;

    /// <summary>Seed of every random choice, so the same options give byte-identical files. Defaults to 0.</summary>
    public int Seed { get; init; }

    /// <summary>Level-0 width in pixels. Defaults to 8192.</summary>
    public int Width { get; init; } = 8192;

    /// <summary>Level-0 height in pixels. Defaults to 8192.</summary>
    public int Height { get; init; } = 8192;

    /// <summary>Microns per level-0 pixel, written as the Aperio <c>MPP</c> property. Defaults to 0.25 (40x).</summary>
    public double MicronsPerPixel { get; init; } = 0.25;

    /// <summary>
    /// Draws the node without tumour foci, a negative slide for slide-level metrics. The node, its follicles and
    /// its staining are those of the tumour-bearing slide of the same seed. Defaults to false.
    /// </summary>
    public bool TumourFree { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (Seed < 0)
        {
            throw new ArgumentException($"Seed {Seed} is negative; use 0 or more.");
        }

        if (Width is < MinimumSide or > MaximumSide || Height is < MinimumSide or > MaximumSide)
        {
            throw new ArgumentException(
                $"Size {Width} x {Height} is out of range; width and height must be {MinimumSide} to {MaximumSide} pixels.");
        }

        if (!double.IsFinite(MicronsPerPixel) || MicronsPerPixel is < MinimumMicronsPerPixel or > MaximumMicronsPerPixel)
        {
            throw new ArgumentException(
                $"Microns per pixel {MicronsPerPixel} is out of range; use {MinimumMicronsPerPixel} to {MaximumMicronsPerPixel}.");
        }
    }
}
