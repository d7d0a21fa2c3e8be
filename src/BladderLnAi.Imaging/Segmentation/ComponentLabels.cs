namespace BladderLnAi.Imaging.Segmentation;

/// <summary>
/// A label image: 0 for background, 1 to n for the components of a mask.
/// </summary>
/// <param name="Labels">Label of each pixel, <c>y * Width + x</c> is pixel (x, y).</param>
/// <param name="Components">
/// The components in label order, so <c>Components[label - 1]</c> describes <c>label</c>.
/// </param>
public sealed record ComponentLabels(int Width, int Height, int[] Labels, IReadOnlyList<Component> Components);
