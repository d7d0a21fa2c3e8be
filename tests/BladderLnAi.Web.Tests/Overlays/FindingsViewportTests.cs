using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Tests.Integration;
using SixLabors.ImageSharp;

namespace BladderLnAi.Web.Tests.Overlays;

/// <summary>
/// Findings by viewport and counts per area on a slide with 5,000 findings, full-precision outlines, region
/// images, and the responses to bad input.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class FindingsViewportTests(OverlayFixture fixture) : IClassFixture<OverlayFixture>
{
    [Fact]
    public async Task Rectangle_ReturnsExactlyTheFindingsThatMeetIt()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;
        var (x, y, width, height) = (300.5, 1000.25, 420.0, 333.0);
        var expected = fixture.ManySquares.Count(square => Meets(square, x, y, width, height));

        var window = await GetJsonAsync(client, FindingsUrl(fixture.ManyJob.Id, x, y, width, height, limit: 500));

        Assert.Equal(expected, window.GetProperty("total").GetInt32());
        Assert.False(window.GetProperty("truncated").GetBoolean());
        var findings = window.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(expected, findings.Count);
        Assert.All(findings, finding => Assert.True(BoundsMeet(finding, x, y, width, height), $"Finding {finding.GetProperty("id")} lies outside."));
    }

    [Fact]
    public async Task WholeSlide_IsCappedToTheMostProbableFindings()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;
        var hundredth = fixture.ManySquares.Select(s => s.Probability).OrderDescending().ElementAt(99);

        var window = await GetJsonAsync(client, FindingsUrl(fixture.ManyJob.Id, 0, 0, 1e6, 1e6, limit: 100));

        Assert.Equal(OverlayFixture.ManyCount, window.GetProperty("total").GetInt32());
        Assert.True(window.GetProperty("truncated").GetBoolean());
        var probabilities = window.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("maximumProbability").GetSingle())
            .ToList();
        Assert.Equal(100, probabilities.Count);
        Assert.True(probabilities.Min() >= hundredth, $"Lowest returned {probabilities.Min()}, 100th highest {hundredth}.");
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(4096)]
    public async Task Clusters_WholeSlide_AddUpToEveryFinding(int cellSize)
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;

        var counts = await GetJsonAsync(client, ClustersUrl(fixture.ManyJob.Id, 0, 0, 2220, 2967, cellSize));

        var clusters = counts.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(OverlayFixture.ManyCount, clusters.Sum(c => c.GetProperty("count").GetInt32()));
        Assert.Equal(OverlayFixture.ManyCount, counts.GetProperty("total").GetInt32());
        Assert.All(clusters, c => Assert.True(
            c.GetProperty("x").GetDouble() % cellSize == 0 && c.GetProperty("y").GetDouble() % cellSize == 0,
            $"Cell at ({c.GetProperty("x")}, {c.GetProperty("y")}) is off the {cellSize}-pixel grid."));
    }

    [Fact]
    public async Task Outline_KeepsFullPrecision()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;
        var square = OverlayFixture.Square;
        var left = square.X * OverlayFixture.SquareScale;
        var top = square.Y * OverlayFixture.SquareScale;

        var window = await GetJsonAsync(client, FindingsUrl(fixture.SquareJob.Id, 0, 0, 1e6, 1e6, limit: 10));

        var outline = window.GetProperty("findings")[0].GetProperty("outline").EnumerateArray()
            .Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble()))
            .ToList();
        Assert.Contains((left, top), outline);
        Assert.Contains(((square.X + square.Side) * OverlayFixture.SquareScale, (square.Y + square.Side) * OverlayFixture.SquareScale), outline);
    }

    [Theory]
    [InlineData("findings?x=abc&y=0&width=1&height=1", "x 'abc'")]
    [InlineData("findings?x=0&y=0&width=-1&height=1", "width '-1'")]
    [InlineData("findings?x=0&y=0&width=1&height=NaN", "height 'NaN'")]
    [InlineData("findings?x=0&y=0&width=1&height=1&limit=0", "limit '0'")]
    [InlineData("findings?x=0&y=0&width=1&height=1&limit=100000", "limit '100000'")]
    [InlineData("findings/clusters?x=0&y=0&width=1000&height=1000&cellSize=0", "cellSize '0'")]
    [InlineData("findings/clusters?x=0&y=0&width=1e9&height=1e9&cellSize=1", "cellSize 1")]
    public async Task BadQuery_GetsBadRequestNamingTheValue(string query, string named)
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;

        var response = await client.GetAsync($"/api/analyses/{fixture.ManyJob.Id}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString();
        Assert.Contains(named, message);
    }

    [Fact]
    public async Task OtherSite_GetsNotFound()
    {
        var outsider = await fixture.Factory.AccountAsync(Roles.SeniorPathologist, TestSites.Other);

        var findings = await outsider.Client.GetAsync(FindingsUrl(fixture.ManyJob.Id, 0, 0, 10, 10, limit: 10));
        var clusters = await outsider.Client.GetAsync(ClustersUrl(fixture.ManyJob.Id, 0, 0, 10, 10, 64));
        var region = await outsider.Client.GetAsync($"/api/slides/{OverlayFixture.ManySlide}/region.jpeg?x=0&y=0&width=10&height=10");

        Assert.Equal(HttpStatusCode.NotFound, findings.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clusters.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, region.StatusCode);
    }

    [Fact]
    public async Task Region_KeepsAspectRatioAndSize()
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;

        var response = await client.GetAsync($"/api/slides/{OverlayFixture.SquareSlide}/region.jpeg?x=-50.5&y=100&width=400&height=200&size=120");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var image = Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(120, image.Width);
        Assert.Equal(60, image.Height);
    }

    [Theory]
    [InlineData("x=0&y=0&width=0&height=10", "width 0")]
    [InlineData("x=0&y=0&width=10&height=10&size=4", "size '4'")]
    public async Task Region_BadQuery_GetsBadRequest(string query, string named)
    {
        var client = (await fixture.Factory.PathologistAsync()).Client;

        var response = await client.GetAsync($"/api/slides/{OverlayFixture.SquareSlide}/region.jpeg?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    private static string FindingsUrl(Guid job, double x, double y, double width, double height, int limit) =>
        FormattableString.Invariant($"/api/analyses/{job}/findings?x={x}&y={y}&width={width}&height={height}&limit={limit}");

    private static string ClustersUrl(Guid job, double x, double y, double width, double height, double cellSize) =>
        FormattableString.Invariant($"/api/analyses/{job}/findings/clusters?x={x}&y={y}&width={width}&height={height}&cellSize={cellSize}");

    /// <summary>Returns true when a square's level-0 bounds, as the extractor outlines it, meet the rectangle.</summary>
    private static bool Meets(BladderLnAi.Tests.Results.HeatmapSquare square, double x, double y, double width, double height)
    {
        var scale = OverlayFixture.ManyScale;
        return square.X * scale <= x + width && x <= (square.X + square.Side) * scale
            && square.Y * scale <= y + height && y <= (square.Y + square.Side) * scale;
    }

    private static bool BoundsMeet(JsonElement finding, double x, double y, double width, double height)
    {
        var points = finding.GetProperty("outline").EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        return points.Min(p => p.X) <= x + width && x <= points.Max(p => p.X)
            && points.Min(p => p.Y) <= y + height && y <= points.Max(p => p.Y);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
