using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using SixLabors.ImageSharp;

namespace BladderLnAi.Web.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class DeepZoomEndpointTests(BladderLnAiFactory factory) : IClassFixture<BladderLnAiFactory>
{
    private const string SlideId = "cmu-1-small-region";

    [Fact]
    public async Task Descriptor_RealSlide_ReturnsSizeAndTiling()
    {
        var client = (await factory.PathologistAsync()).Client;

        var response = await client.GetAsync($"/dzi/{SlideId}.dzi");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var image = XElement.Parse(await response.Content.ReadAsStringAsync());
        XNamespace deepZoom = "http://schemas.microsoft.com/deepzoom/2008";
        var size = image.Element(deepZoom + "Size")!;
        Assert.Equal("254", image.Attribute("TileSize")!.Value);
        Assert.Equal("1", image.Attribute("Overlap")!.Value);
        Assert.Equal("jpeg", image.Attribute("Format")!.Value);
        Assert.Equal("2220", size.Attribute("Width")!.Value);
        Assert.Equal("2967", size.Attribute("Height")!.Value);
    }

    [Fact]
    public async Task Tile_TopLeftOfFullResolution_IsJpegWithOverlapOnTwoSides()
    {
        var client = (await factory.PathologistAsync()).Client;

        // 2967 px needs 12 halvings to reach 1 px, so level 12 is full resolution. The top-left tile has a
        // neighbour to the right and below only: 254 + 1 = 255 px each way.
        var response = await client.GetAsync($"/dzi/{SlideId}_files/12/0_0.jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var tile = Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(255, tile.Width);
        Assert.Equal(255, tile.Height);
        Assert.True(response.Headers.CacheControl?.Private, "tiles of patient slides must not be kept by shared caches");
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Tile_RequestedAgainWithEntityTag_ReturnsNotModified()
    {
        var client = (await factory.PathologistAsync()).Client;
        var first = await client.GetAsync($"/dzi/{SlideId}_files/11/1_1.jpeg");

        var request = new HttpRequestMessage(HttpMethod.Get, $"/dzi/{SlideId}_files/11/1_1.jpeg");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/dzi/cmu-1-small-region_files/13/0_0.jpeg")]
    [InlineData("/dzi/cmu-1-small-region_files/12/9_0.jpeg")]
    [InlineData("/dzi/cmu-1-small-region_files/12/0_12.jpeg")]
    [InlineData("/dzi/cmu-1-small-region_files/-1/0_0.jpeg")]
    [InlineData("/dzi/cmu-1-small-region_files/x/0_0.jpeg")]
    [InlineData("/dzi/cmu-1-small-region_files/12/0_0.png")]
    [InlineData("/dzi/cmu-1-small-region_files/12/0-0.jpeg")]
    [InlineData("/dzi/cmu-1-small-region_files/99999999999/0_0.jpeg")]
    [InlineData("/dzi/no-such-slide.dzi")]
    [InlineData("/dzi/no-such-slide_files/0/0_0.jpeg")]
    [InlineData("/dzi/..%2F..%2Fetc%2Fpasswd.dzi")]
    [InlineData("/dzi/CMU-1-Small-Region.dzi")]
    [InlineData("/api/slides/no-such-slide")]
    [InlineData("/api/slides/cmu-1-small-region/associated/nothing.jpeg")]
    public async Task Request_OutsidePyramidOrUnknownSlide_ReturnsNotFound(string url)
    {
        var client = (await factory.PathologistAsync()).Client;

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AssociatedImage_Label_IsJpeg()
    {
        var client = (await factory.PathologistAsync()).Client;

        var response = await client.GetAsync($"/api/slides/{SlideId}/associated/label.jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("image/jpeg"), response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task SlideList_ContainsEverySampleSlide()
    {
        var client = (await factory.PathologistAsync()).Client;

        var body = await client.GetStringAsync("/api/slides");

        Assert.Contains("\"cmu-1-small-region\"", body);
        Assert.Contains("\"cmu-1-small-region-generic\"", body);
        Assert.Contains("\"test3-dapi-2-387\"", body);
        Assert.Contains("\"cmu-1-16x16\"", body);
    }
}
