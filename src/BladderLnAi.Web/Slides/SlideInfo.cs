using BladderLnAi.Slides;

namespace BladderLnAi.Web.Slides;

/// <summary>A slide's geometry and properties as shown in the viewer and returned by the API.</summary>
public sealed record SlideInfo(
    string Id,
    string FileName,
    string? Vendor,
    long Width,
    long Height,
    double? MicronsPerPixel,
    IReadOnlyList<SlideLevel> Levels,
    IReadOnlyList<string> AssociatedImages,
    IReadOnlyDictionary<string, string> Properties)
{
    public static SlideInfo From(SlideEntry entry, WholeSlideImage slide) => new(
        entry.Id,
        entry.FileName,
        slide.Vendor,
        slide.Width,
        slide.Height,
        slide.MicronsPerPixel,
        slide.Levels,
        slide.AssociatedImageNames,
        new SortedDictionary<string, string>(
            slide.Properties.ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.Ordinal));
}
