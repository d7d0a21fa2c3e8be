using BladderLnAi.Analysis.Output;

namespace BladderLnAi.Web.Overlays;

/// <summary>The level-0 square that a finding's thumbnail shows: the finding centred with a margin around it.</summary>
public static class FindingThumbnail
{
    /// <summary>Edge of a thumbnail in pixels.</summary>
    public const int Size = 160;

    /// <summary>Smallest level-0 edge of the square, so that a tiny finding still shows its surroundings.</summary>
    private const double MinimumSide = 192;

    public static Level0Rectangle RegionOf(FindingDocument finding)
    {
        var bounds = Level0Rectangle.Around(finding.Outline);
        var side = Math.Max(MinimumSide, 2 * Math.Max(bounds.Width, bounds.Height));
        var centreX = bounds.X + bounds.Width / 2;
        var centreY = bounds.Y + bounds.Height / 2;
        return new Level0Rectangle(centreX - side / 2, centreY - side / 2, side, side);
    }
}
