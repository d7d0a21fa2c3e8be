using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Training.Datasets;

/// <summary>
/// Degrades a ground-truth mask the way an imperfect uniform pass would, before it drives the saliency of a training
/// composite: blobs are dropped (missed foci) and added (false alarms), and the rest grows or shrinks.
/// </summary>
public sealed record SaliencyNoise
{
    /// <summary>Chance that each connected blob of the mask is dropped, 0 to 1. Defaults to 0.25.</summary>
    public double DropProbability { get; init; } = 0.25;

    /// <summary>Largest number of false blobs added, each field drawing a count uniformly from 0 to this. Defaults to 2.</summary>
    public int MaximumAddedBlobs { get; init; } = 2;

    /// <summary>Radius range, in mask pixels, of the discs added as false blobs. Defaults to 3 to 12.</summary>
    public (int Minimum, int Maximum) AddedBlobRadius { get; init; } = (3, 12);

    /// <summary>
    /// Largest dilation or erosion, in 3 x 3 steps. The amount is drawn from -this (erosion) to +this (dilation).
    /// Defaults to 4, which is 8 um at the bundled model's 2 um/px.
    /// </summary>
    public int MaximumMorphologyRadius { get; init; } = 4;

    /// <summary>
    /// Returns a noisy copy of <paramref name="mask"/>. False blobs are centred on tissue, taken as the pixels of
    /// <paramref name="image"/> darker than the glass, when there are any.
    /// </summary>
    public BinaryMask Apply(BinaryMask mask, RgbImage image, Random random)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        if (image.Width != mask.Width || image.Height != mask.Height)
        {
            throw new ArgumentException(
                $"The image is {image.Width} x {image.Height} but the mask is {mask.Width} x {mask.Height}.", nameof(image));
        }

        var noisy = DropBlobs(mask, random);
        var morphology = random.Next(-MaximumMorphologyRadius, MaximumMorphologyRadius + 1);
        noisy = morphology >= 0 ? MaskRasters.Dilate(noisy, morphology) : MaskRasters.Erode(noisy, -morphology);
        AddBlobs(noisy, image, random);
        return noisy;
    }

    private BinaryMask DropBlobs(BinaryMask mask, Random random)
    {
        var labels = ConnectedComponents.Label(mask);
        var dropped = labels.Components.Select(_ => random.NextDouble() < DropProbability).ToArray();
        var result = new BinaryMask(mask.Width, mask.Height);
        for (var i = 0; i < result.Values.Length; i++)
        {
            var label = labels.Labels[i];
            result.Values[i] = label > 0 && !dropped[label - 1];
        }

        return result;
    }

    private void AddBlobs(BinaryMask mask, RgbImage image, Random random)
    {
        var count = random.Next(0, MaximumAddedBlobs + 1);
        for (var blob = 0; blob < count; blob++)
        {
            var (x, y) = PickTissuePixel(image, random);
            var radius = random.Next(AddedBlobRadius.Minimum, AddedBlobRadius.Maximum + 1);
            for (var row = Math.Max(0, y - radius); row <= Math.Min(mask.Height - 1, y + radius); row++)
            {
                for (var column = Math.Max(0, x - radius); column <= Math.Min(mask.Width - 1, x + radius); column++)
                {
                    var (dx, dy) = (column - x, row - y);
                    if (dx * dx + dy * dy <= radius * radius)
                    {
                        mask[column, row] = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Picks a random pixel darker than the glass (BT.601 luma below 200), trying up to 64 times, else any pixel.
    /// </summary>
    private static (int X, int Y) PickTissuePixel(RgbImage image, Random random)
    {
        var (x, y) = (0, 0);
        for (var attempt = 0; attempt < 64; attempt++)
        {
            (x, y) = (random.Next(image.Width), random.Next(image.Height));
            var offset = (y * image.Width + x) * 3;
            var luma = 0.299 * image.Pixels[offset] + 0.587 * image.Pixels[offset + 1] + 0.114 * image.Pixels[offset + 2];
            if (luma < 200)
            {
                break;
            }
        }

        return (x, y);
    }
}
