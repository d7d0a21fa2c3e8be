using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Imaging.Tests.Segmentation;

[Trait("Category", "Imaging")]
public class ConnectedComponentsTests
{
    [Fact]
    public void Label_DiagonalNeighboursAreOneComponent()
    {
        var mask = MaskParser.Parse(
            "X.",
            ".X");

        var labels = ConnectedComponents.Label(mask);

        var component = Assert.Single(labels.Components);
        Assert.Equal(2, component.Area);
        Assert.Equal([1, 0, 0, 1], labels.Labels);
    }

    [Fact]
    public void Label_CountsAreasAndBoundingBoxes()
    {
        var mask = MaskParser.Parse(
            "XX....X",
            ".X...XX",
            "..X....",
            ".......",
            "XXX..X.",
            "X.X..X.");

        var labels = ConnectedComponents.Label(mask);

        Assert.Equal(
            [
                new Component(1, 4, 0, 0, 2, 2),
                new Component(2, 3, 5, 0, 6, 1),
                new Component(3, 5, 0, 4, 2, 5),
                new Component(4, 2, 5, 4, 5, 5),
            ],
            labels.Components);
        Assert.Equal(3, labels.Labels[4 * 7 + 2]);
        Assert.Equal(0, labels.Labels[5 * 7 + 1]);
    }

    [Fact]
    public void Label_EmptyMaskHasNoComponents()
    {
        var labels = ConnectedComponents.Label(new BinaryMask(5, 4));

        Assert.Empty(labels.Components);
        Assert.All(labels.Labels, label => Assert.Equal(0, label));
    }

    [Fact]
    public void Label_LargeComponentDoesNotOverflowStack()
    {
        var mask = new BinaryMask(2000, 2000);
        Array.Fill(mask.Values, true);

        var labels = ConnectedComponents.Label(mask);

        Assert.Equal(4_000_000, Assert.Single(labels.Components).Area);
    }
}
