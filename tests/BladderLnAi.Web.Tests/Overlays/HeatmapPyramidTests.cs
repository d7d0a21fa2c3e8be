using System.Net;
using System.Xml.Linq;
using BladderLnAi.Slides;
using BladderLnAi.Web.Tests.Integration;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Web.Tests.Overlays;

/// <summary>
/// The heatmap pyramid against the slide's own pyramid: the same descriptor geometry, the same tile sizes at
/// every level and edge, and the known square on exactly its level-0 pixels.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class HeatmapPyramidTests(OverlayFixture fixture) : IClassFixture<OverlayFixture>
{
    [Fact]
    public async Task Descriptor_MatchesSlideDescriptor()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;

        var slide = await DescriptorAsync(client, $"/dzi/{OverlayFixture.SquareSlide}.dzi");
        var heatmap = await DescriptorAsync(client, $"/api/analyses/{fixture.SquareJob.Id}/heatmap.dzi");

        Assert.Equal(slide.TileSize, heatmap.TileSize);
        Assert.Equal(slide.Overlap, heatmap.Overlap);
        Assert.Equal(slide.Width, heatmap.Width);
        Assert.Equal(slide.Height, heatmap.Height);
        Assert.Equal("png", heatmap.Format);
    }

    [Fact]
    public async Task Tiles_MatchSlideTileSizes_AtEveryLevelAndEdge()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;
        var layout = await LayoutAsync(client);
        var checkedTiles = 0;

        for (var level = 0; level < layout.LevelCount; level++)
        {
            var (columns, rows) = layout.GetTileCount(level);
            foreach (var (column, row) in Corners(columns, rows))
            {
                var slideTile = await ImageSizeAsync(client, $"/dzi/{OverlayFixture.SquareSlide}_files/{level}/{column}_{row}.jpeg");
                var heatmapTile = await ImageSizeAsync(client, HeatmapTileUrl(level, column, row));
                Assert.True(slideTile == heatmapTile, $"Level {level} tile {column}_{row}: slide {slideTile}, heatmap {heatmapTile}");
                checkedTiles++;
            }

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(HeatmapTileUrl(level, columns, 0))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(HeatmapTileUrl(level, 0, rows))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(HeatmapTileUrl(layout.LevelCount, 0, 0))).StatusCode);
        Assert.True(checkedTiles >= layout.LevelCount, $"Only {checkedTiles} tiles were compared.");
    }

    [Fact]
    public async Task FullResolutionTile_ColoursExactlyTheSquaresPixels()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;
        var layout = await LayoutAsync(client);
        var level = layout.LevelCount - 1;
        var square = OverlayFixture.Square;
        var scale = OverlayFixture.SquareScale;

        // A pixel is coloured when its centre lies in the square's level-0 span [start * scale, end * scale).
        static bool Inside(int pixel, int start, int side, double scale) =>
            pixel + 0.5 >= start * scale && pixel + 0.5 < (start + side) * scale;

        var centreX = (int)((square.X + square.Side / 2.0) * scale);
        var centreY = (int)((square.Y + square.Side / 2.0) * scale);
        Assert.True(layout.TryGetTile(level, centreX / layout.TileSize, centreY / layout.TileSize, out var tile));
        using var image = await ImageAsync(client, HeatmapTileUrl(level, tile.Column, tile.Row));
        var mismatches = new List<string>();
        for (var y = 0; y < tile.Height; y++)
        {
            for (var x = 0; x < tile.Width; x++)
            {
                var level0X = (int)tile.X + x;
                var level0Y = (int)tile.Y + y;
                var expected = Inside(level0X, square.X, square.Side, scale) && Inside(level0Y, square.Y, square.Side, scale);
                var actual = image[x, y].A > 0;
                if (expected != actual && mismatches.Count < 5)
                {
                    mismatches.Add($"level-0 pixel ({level0X}, {level0Y}) coloured {actual}, expected {expected}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
    }

    [Fact]
    public async Task EveryLevel_ShowsTheSquare()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;
        var layout = await LayoutAsync(client);
        var square = OverlayFixture.Square;
        var level0X = (square.X + square.Side / 2.0) * OverlayFixture.SquareScale;
        var level0Y = (square.Y + square.Side / 2.0) * OverlayFixture.SquareScale;

        for (var level = 0; level < layout.LevelCount; level++)
        {
            var downsample = layout.GetDownsample(level);
            var column = (int)(level0X / downsample / layout.TileSize);
            var row = (int)(level0Y / downsample / layout.TileSize);
            using var image = await ImageAsync(client, HeatmapTileUrl(level, column, row));

            var opaque = 0;
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    foreach (var pixel in rows.GetRowSpan(y))
                    {
                        opaque += pixel.A > 0 ? 1 : 0;
                    }
                }
            });
            Assert.True(opaque > 0, $"Level {level} (downsample {downsample}) tile {column}_{row} hides the square.");
        }
    }

    [Fact]
    public async Task Tile_SecondRequestWithEntityTag_IsNotModified()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;
        var url = HeatmapTileUrl(0, 0, 0);
        var first = await client.GetAsync(url);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.True(first.Headers.CacheControl?.Private, "Heatmap tiles must not be kept by shared caches.");
    }

    [Fact]
    public async Task OtherSite_GetsNotFound()
    {
        var outsider = await fixture.Factory.AccountAsync(Data.Identity.Roles.Pathologist, TestSites.Other);

        var descriptor = await outsider.Client.GetAsync($"/api/analyses/{fixture.SquareJob.Id}/heatmap.dzi");
        var tile = await outsider.Client.GetAsync(HeatmapTileUrl(0, 0, 0));

        Assert.Equal(HttpStatusCode.NotFound, descriptor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tile.StatusCode);
    }

    private string HeatmapTileUrl(int level, int column, int row) =>
        $"/api/analyses/{fixture.SquareJob.Id}/heatmap_files/{level}/{column}_{row}.png";

    private static IEnumerable<(int Column, int Row)> Corners(int columns, int rows) =>
        new[] { (0, 0), (columns - 1, 0), (0, rows - 1), (columns - 1, rows - 1), (columns / 2, rows / 2) }.Distinct();

    private static async Task<DeepZoomLayout> LayoutAsync(HttpClient client)
    {
        var descriptor = await DescriptorAsync(client, $"/dzi/{OverlayFixture.SquareSlide}.dzi");
        return new DeepZoomLayout(descriptor.Width, descriptor.Height, descriptor.TileSize, descriptor.Overlap);
    }

    private static async Task<(int TileSize, int Overlap, long Width, long Height, string Format)> DescriptorAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        var image = XElement.Parse(await response.Content.ReadAsStringAsync());
        var size = image.Elements().Single();
        return (
            (int)image.Attribute("TileSize")!,
            (int)image.Attribute("Overlap")!,
            (long)size.Attribute("Width")!,
            (long)size.Attribute("Height")!,
            (string)image.Attribute("Format")!);
    }

    private static async Task<Size> ImageSizeAsync(HttpClient client, string url)
    {
        using var image = await ImageAsync(client, url);
        return image.Size();
    }

    private static async Task<Image<Rgba32>> ImageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        return Image.Load<Rgba32>(await response.Content.ReadAsByteArrayAsync());
    }
}
