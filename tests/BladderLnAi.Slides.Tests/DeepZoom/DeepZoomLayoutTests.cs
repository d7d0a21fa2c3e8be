using BladderLnAi.Slides;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class DeepZoomLayoutTests
{
    private readonly DeepZoomLayout _layout = new(1000, 777, tileSize: 254, overlap: 1);

    [Fact]
    public void LevelSizes_1000x777_HalveWithCeiling()
    {
        // 1000x777 -> 500x389 (777/2 = 388.5) -> 250x195 (194.5) -> 125x98 (97.5) -> 63x49 (62.5, 49)
        // -> 32x25 (31.5, 24.5) -> 16x13 (12.5) -> 8x7 (6.5) -> 4x4 (3.5) -> 2x2 -> 1x1: 11 levels.
        (long, long)[] expected =
        [
            (1, 1), (2, 2), (4, 4), (8, 7), (16, 13), (32, 25), (63, 49), (125, 98), (250, 195), (500, 389), (1000, 777),
        ];

        Assert.Equal(11, _layout.LevelCount);
        for (var level = 0; level < expected.Length; level++)
        {
            Assert.Equal(expected[level], _layout.GetLevelSize(level));
        }
    }

    [Fact]
    public void TileCounts_1000x777_RoundUp()
    {
        // Level 10: 1000/254 = 3.94 and 777/254 = 3.06, so 4 x 4. Level 9: 500/254 and 389/254, so 2 x 2.
        Assert.Equal((4, 4), _layout.GetTileCount(10));
        Assert.Equal((2, 2), _layout.GetTileCount(9));
        Assert.Equal((1, 1), _layout.GetTileCount(8));
        Assert.Equal((1, 1), _layout.GetTileCount(0));
    }

    [Fact]
    public void Downsample_IsPowerOfTwoFromTop()
    {
        Assert.Equal(1.0, _layout.GetDownsample(10));
        Assert.Equal(2.0, _layout.GetDownsample(9));
        Assert.Equal(1024.0, _layout.GetDownsample(0));
    }

    [Fact]
    public void FirstTile_HasOverlapOnlyRightAndBottom()
    {
        Assert.True(_layout.TryGetTile(10, 0, 0, out var tile));

        // 254 pixels plus 1 overlap on the right and bottom, none on the left and top.
        Assert.Equal(0, tile.X);
        Assert.Equal(0, tile.Y);
        Assert.Equal(255, tile.Width);
        Assert.Equal(255, tile.Height);
    }

    [Fact]
    public void MiddleColumnTile_HasOverlapBothSides()
    {
        Assert.True(_layout.TryGetTile(10, 1, 0, out var tile));

        // Column 1 starts at 254 - 1 overlap = 253 and is 1 + 254 + 1 = 256 wide.
        Assert.Equal(new DeepZoomTile(10, 1, 0, 253, 0, 256, 255, 253, 0, 256, 255), tile);
    }

    [Fact]
    public void LastTile_IsSmaller()
    {
        Assert.True(_layout.TryGetTile(10, 3, 3, out var tile));

        // Column 3 covers 3 * 254 = 762 to 1000, so 238 pixels plus 1 overlap on the left: starts at 761, 239 wide.
        // Row 3 covers 762 to 777, so 15 pixels plus 1 overlap on top: starts at 761, 16 high.
        Assert.Equal(761, tile.X);
        Assert.Equal(761, tile.Y);
        Assert.Equal(239, tile.Width);
        Assert.Equal(16, tile.Height);
        Assert.Equal(761.0, tile.Level0X);
        Assert.Equal(239.0, tile.Level0Width);
        Assert.Equal(16.0, tile.Level0Height);
    }

    [Fact]
    public void LowerLevelTile_IsCutAtSlideEdge()
    {
        Assert.True(_layout.TryGetTile(9, 1, 1, out var tile));

        // Level 9 is 500x389: column 1 covers 254..500 (246 px) + 1 left overlap -> x 253, width 247.
        // Row 1 covers 254..389 (135 px) + 1 top overlap -> y 253, height 136.
        // Downsample 2: level-0 origin (506, 506); width 494 fits 1000 - 506; height 272 is cut to 777 - 506 = 271.
        Assert.Equal(new DeepZoomTile(9, 1, 1, 253, 253, 247, 136, 506, 506, 494, 271), tile);
    }

    [Fact]
    public void TopTile_CoversWholeImage()
    {
        Assert.True(_layout.TryGetTile(0, 0, 0, out var tile));

        // One pixel at downsample 1024 would cover 1024 x 1024 level-0 pixels, so it is cut to 1000 x 777.
        Assert.Equal(new DeepZoomTile(0, 0, 0, 0, 0, 1, 1, 0, 0, 1000, 777), tile);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(11, 0, 0)]
    [InlineData(10, 4, 0)]
    [InlineData(10, 0, 4)]
    [InlineData(10, -1, 0)]
    [InlineData(10, 0, -1)]
    [InlineData(9, 2, 0)]
    [InlineData(8, 1, 0)]
    [InlineData(0, 0, 1)]
    [InlineData(int.MaxValue, 0, 0)]
    public void TryGetTile_OutsidePyramid_ReturnsFalse(int level, int column, int row)
    {
        Assert.False(_layout.TryGetTile(level, column, row, out _));
    }

    [Fact]
    public void OnePixelImage_HasOneTile()
    {
        var layout = new DeepZoomLayout(1, 1, tileSize: 254, overlap: 1);

        Assert.Equal(1, layout.LevelCount);
        Assert.Equal((1L, 1L), layout.GetLevelSize(0));
        Assert.Equal((1, 1), layout.GetTileCount(0));
        Assert.Equal(1.0, layout.GetDownsample(0));
        Assert.True(layout.TryGetTile(0, 0, 0, out var tile));
        Assert.Equal(new DeepZoomTile(0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1), tile);
        Assert.False(layout.TryGetTile(1, 0, 0, out _));
        Assert.False(layout.TryGetTile(0, 1, 0, out _));
    }

    [Fact]
    public void GetLevelSize_OutsidePyramid_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => _layout.GetLevelSize(11));

        Assert.Equal("level", exception.ParamName);
    }

    [Theory]
    [InlineData(0, 10, 254, 1)]
    [InlineData(10, 0, 254, 1)]
    [InlineData(10, 10, 0, 0)]
    [InlineData(10, 10, 254, -1)]
    [InlineData(10, 10, 4, 5)]
    public void Constructor_InvalidArguments_Throw(long width, long height, int tileSize, int overlap)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepZoomLayout(width, height, tileSize, overlap));
    }

    [Fact]
    public void EveryTile_StaysInsideItsLevel()
    {
        for (var level = 0; level < _layout.LevelCount; level++)
        {
            var (width, height) = _layout.GetLevelSize(level);
            var (columns, rows) = _layout.GetTileCount(level);
            for (var column = 0; column < columns; column++)
            {
                for (var row = 0; row < rows; row++)
                {
                    Assert.True(_layout.TryGetTile(level, column, row, out var tile));
                    Assert.InRange(tile.X + tile.Width, 1, width);
                    Assert.InRange(tile.Y + tile.Height, 1, height);
                    Assert.InRange(tile.Level0X + tile.Level0Width, 1, 1000);
                    Assert.InRange(tile.Level0Y + tile.Level0Height, 1, 777);
                }
            }
        }
    }
}
