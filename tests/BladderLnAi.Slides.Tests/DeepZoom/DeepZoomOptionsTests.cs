using BladderLnAi.Slides;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class DeepZoomOptionsTests
{
    [Fact]
    public void Defaults_Are254Overlap1Quality75()
    {
        var options = new DeepZoomOptions();

        Assert.Equal(254, options.TileSize);
        Assert.Equal(1, options.Overlap);
        Assert.Equal(75, options.JpegQuality);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void TileSize_OutOfRange_Throws(int tileSize)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new DeepZoomOptions { TileSize = tileSize });

        Assert.Equal("TileSize", exception.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void JpegQuality_OutOfRange_Throws(int quality)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepZoomOptions { JpegQuality = quality });
    }

    [Fact]
    public void Overlap_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepZoomOptions { Overlap = -1 });
    }

    [Fact]
    public void Validate_OverlapOverHalfTile_Throws()
    {
        var options = new DeepZoomOptions { TileSize = 8, Overlap = 5 };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal("Overlap", exception.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepZoomTileRenderer(options));
    }

    [Fact]
    public void Validate_OverlapHalfTile_Passes()
    {
        var options = new DeepZoomOptions { TileSize = 8, Overlap = 4 };

        options.Validate();
    }
}
