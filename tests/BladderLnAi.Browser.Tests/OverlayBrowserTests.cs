using System.Text.Json;
using BladderLnAi.Tests.Results;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Overlays in Debian's Chromium: the known square's outline and heatmap against OpenSeadragon's own coordinate
/// conversion at the lowest and highest zoom, counts per area and outlines on a slide with 5,000 findings, and the
/// top regions gallery. Screenshots go to <c>BLADDERLN_SCREENSHOTS</c> or the test output folder.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class OverlayBrowserTests(OverlayHostFixture fixture) : IClassFixture<OverlayHostFixture>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static readonly string ScreenshotDirectory =
        Environment.GetEnvironmentVariable("BLADDERLN_SCREENSHOTS")
        ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    // Reads where OpenSeadragon puts two level-0 points on the screen, and where the finding's outline is.
    private const string MeasureScript = """
        async ([findingId, left, top, right, bottom]) => {
            const module = await import("/js/slide-viewer.js");
            const viewer = module.viewerOf("slide-viewer");
            const slide = viewer.world.getItemAt(0);
            const origin = viewer.container.getBoundingClientRect();
            const toScreen = (x, y) => {
                const pixel = viewer.viewport.pixelFromPoint(slide.imageToViewportCoordinates(x, y), true);
                return [origin.left + pixel.x, origin.top + pixel.y];
            };
            const polygon = document.querySelector(`.bladderln-finding[data-finding-id="${findingId}"] polygon`);
            const box = polygon?.getBoundingClientRect();
            return {
                topLeft: toScreen(left, top),
                bottomRight: toScreen(right, bottom),
                outline: box ? [box.left, box.top, box.right, box.bottom] : null,
                origin: [origin.left, origin.top, origin.width, origin.height],
                zoom: slide.viewportToImageZoom(viewer.viewport.getZoom(true)),
            };
        }
        """;

    [Fact]
    public async Task KnownSquare_LandsOnItsLevel0Position_AtLowestAndHighestZoom()
    {
        var page = await OpenSlideAsync(OverlayHostFixture.SquareSlide, "outlines");
        var square = OverlayHostFixture.Square;
        var scale = OverlayHostFixture.SquareScale;
        double[] bounds = [square.X * scale, square.Y * scale, (square.X + square.Side) * scale, (square.Y + square.Side) * scale];

        foreach (var (name, zoomScript) in new[]
        {
            ("lowest", "viewer.viewport.zoomTo(viewer.viewport.getMinZoom(), null, true)"),
            ("highest", $"viewer.viewport.zoomTo(viewer.viewport.getMaxZoom(), viewer.world.getItemAt(0).imageToViewportCoordinates({(bounds[0] + bounds[2]) / 2}, {(bounds[1] + bounds[3]) / 2}), true)"),
        })
        {
            await ZoomAsync(page, zoomScript);
            var measured = await page.EvaluateAsync<JsonElement>(MeasureScript, new object[] { 1, bounds[0], bounds[1], bounds[2], bounds[3] });
            await SaveScreenshotAsync(page, $"overlay-square-{name}.png");

            var expected = Numbers(measured.GetProperty("topLeft")).Concat(Numbers(measured.GetProperty("bottomRight"))).ToArray();
            var outline = Numbers(measured.GetProperty("outline"));
            for (var i = 0; i < 4; i++)
            {
                Assert.True(
                    Math.Abs(outline[i] - expected[i]) <= 1,
                    $"At the {name} zoom ({measured.GetProperty("zoom")} screen px per level-0 px) outline edge {i} is at "
                    + $"{outline[i]:0.00}, OpenSeadragon puts it at {expected[i]:0.00}.");
            }

            if (name == "highest")
            {
                await AssertHeatmapSquareAsync(page, square, scale);
            }
        }
    }

    [Fact]
    public async Task ManyFindings_ShowCountsAtLowZoom_AndOutlinesAtHighZoom()
    {
        var page = await OpenSlideAsync(OverlayHostFixture.ManySlide, "clusters");
        await SaveScreenshotAsync(page, "overlay-many-clusters.png");

        var counts = await page.EvalOnSelectorAllAsync<int[]>(".bladderln-cluster", "cells => cells.map(c => Number(c.dataset.count))");
        Assert.Equal(OverlayHostFixture.ManyCount, counts.Sum());
        Assert.Equal(OverlayHostFixture.ManyCount.ToString(), await page.GetAttributeAsync("[data-testid=slide-viewer]", "data-findings-shown"));
        Assert.Empty(await page.QuerySelectorAllAsync(".bladderln-finding"));
        Assert.Contains($"Findings ({OverlayHostFixture.ManyCount})", await page.TextContentAsync(".mud-tabs-tabbar") ?? "");

        await ZoomAsync(page, "viewer.viewport.zoomTo(viewer.viewport.getMaxZoom() / 2, viewer.world.getItemAt(0).imageToViewportCoordinates(1100, 1500), true)");
        await page.WaitForSelectorAsync("[data-testid=slide-viewer][data-findings=outlines]");
        await SaveScreenshotAsync(page, "overlay-many-outlines.png");

        var timing = await page.EvaluateAsync<double[]>("""
            () => {
                const entry = performance.getEntriesByType("resource").filter(e => e.name.includes("/findings?")).at(-1);
                return [entry.requestStart - entry.startTime, entry.responseStart - entry.requestStart, entry.responseEnd - entry.responseStart,
                    entry.startTime - (window.zoomStartedAt ?? 0)];
            }
            """);
        Console.WriteLine(
            $"Last findings request: sent {timing[3]:0} ms after the zoom, queued {timing[0]:0} ms, server {timing[1]:0} ms, transfer {timing[2]:0} ms");
        var tableRows = await page.EvalOnSelectorAllAsync<int>("[data-testid=findings-table] tbody tr", "rows => rows.length");
        var elements = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
        Console.WriteLine($"Findings table rows in the page: {tableRows}; elements in the page: {elements}");

        var outlines = await page.QuerySelectorAllAsync(".bladderln-finding");
        Assert.InRange(outlines.Count, 1, 500);
        Assert.Empty(await page.QuerySelectorAllAsync(".bladderln-cluster"));

        // The first opening also pays for compiling the host's code; a reload shows the cost of the slide itself.
        var reloaded = DateTime.UtcNow;
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=slide-viewer][data-findings=clusters]", new() { Timeout = 90_000 });
        Console.WriteLine($"{OverlayHostFixture.ManySlide}: counts shown {(DateTime.UtcNow - reloaded).TotalSeconds:0.0} s after a reload");
    }

    [Fact]
    public async Task Gallery_ShowsTopRegions_AndClickZoomsToTheFinding()
    {
        var page = await OpenSlideAsync(OverlayHostFixture.SquareSlide, "outlines");
        var items = await page.QuerySelectorAllAsync("[data-testid=top-region]");
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-testid=top-region] img')].every(i => i.complete && i.naturalWidth > 0)");
        var gallery = await page.QuerySelectorAsync("[data-testid=top-regions]");
        await gallery!.ScreenshotAsync(new() { Path = ScreenshotPath("overlay-gallery.png") });
        await SaveScreenshotAsync(page, "overlay-gallery-page.png");

        Assert.Equal(1 + OverlayHostFixture.OtherSquares.Length, items.Count);
        var marked = await page.EvalOnSelectorAllAsync<string[]>(
            "[data-testid=top-region][data-needs-review=true]", "items => items.map(i => i.dataset.findingId)");
        Assert.Equal(3, marked.Length);
        Assert.Equal(3, (await page.QuerySelectorAllAsync("[data-testid=findings-table] [data-testid=needs-review]")).Count);

        // The least probable finding is the last one; its centre must come to the middle of the viewer.
        var last = OverlayHostFixture.OtherSquares.MinBy(s => s.Probability);
        var centreX = (last.X + last.Side / 2.0) * OverlayHostFixture.SquareScale;
        var centreY = (last.Y + last.Side / 2.0) * OverlayHostFixture.SquareScale;
        await items[^1].ClickAsync();
        await page.WaitForTimeoutAsync(2500);
        var centre = await page.EvaluateAsync<double[]>("""
            async () => {
                const viewer = (await import("/js/slide-viewer.js")).viewerOf("slide-viewer");
                const point = viewer.world.getItemAt(0).viewportToImageCoordinates(viewer.viewport.getCenter(true));
                return [point.x, point.y];
            }
            """);
        await SaveScreenshotAsync(page, "overlay-gallery-clicked.png");

        Assert.True(Math.Abs(centre[0] - centreX) < 2, $"The viewer centres on x {centre[0]:0.0}, the finding's centre is at x {centreX:0.0}.");
        Assert.True(Math.Abs(centre[1] - centreY) < 2, $"The viewer centres on y {centre[1]:0.0}, the finding's centre is at y {centreY:0.0}.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// Finds the red heatmap square in a screenshot and checks each edge within one screen pixel of where
    /// OpenSeadragon puts the level-0 pixel edges that the tile renderer colours (pixels whose centre is inside).
    /// </summary>
    private static async Task AssertHeatmapSquareAsync(IPage page, HeatmapSquare square, double scale)
    {
        await page.AddStyleTagAsync(new() { Content = ".bladderln-finding { opacity: 0 !important; }" });
        await page.EvaluateAsync("""
            async () => {
                const viewer = (await import("/js/slide-viewer.js")).viewerOf("slide-viewer");
                viewer.world.getItemAt(1).setOpacity(1);
            }
            """);
        await WaitForTilesAsync(page);
        double[] coloured =
        [
            Math.Ceiling(square.X * scale - 0.5),
            Math.Ceiling(square.Y * scale - 0.5),
            Math.Ceiling((square.X + square.Side) * scale - 0.5),
            Math.Ceiling((square.Y + square.Side) * scale - 0.5),
        ];
        var measured = await page.EvaluateAsync<JsonElement>(MeasureScript, new object[] { 0, coloured[0], coloured[1], coloured[2], coloured[3] });
        var expected = Numbers(measured.GetProperty("topLeft")).Concat(Numbers(measured.GetProperty("bottomRight"))).ToArray();
        var origin = Numbers(measured.GetProperty("origin"));
        var path = ScreenshotPath("overlay-square-heatmap.png");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            Clip = new Clip { X = (float)origin[0], Y = (float)origin[1], Width = (float)origin[2], Height = (float)origin[3] },
        });
        using var image = Image.Load<Rgb24>(path);

        var middleX = (int)((expected[0] + expected[2]) / 2 - origin[0]);
        var middleY = (int)((expected[1] + expected[3]) / 2 - origin[1]);

        var found = RedBounds(image, middleX, middleY)?.Select((edge, i) => edge + origin[i % 2]).ToArray();

        Assert.True(found is not null, "No red heatmap pixels were found on the screen.");
        for (var i = 0; i < 4; i++)
        {
            Assert.True(
                Math.Abs(found![i] - expected[i]) <= 1,
                $"Heatmap edge {i} is at {found[i]:0.00} on the screen, OpenSeadragon puts it at {expected[i]:0.00}.");
        }
    }

    /// <summary>
    /// Returns the left, top, right and bottom screen edges of the heatmap square along the row and the column
    /// through its middle. An edge is the first or last pixel that is at least half as red as the square's middle,
    /// because the browser smooths the tile pixels when it magnifies them.
    /// </summary>
    private static double[]? RedBounds(Image<Rgb24> image, int middleX, int middleY)
    {
        static int Redness(Rgb24 pixel) => Math.Max(0, pixel.R - pixel.G);

        var full = Redness(image[middleX, middleY]);
        if (full < 100)
        {
            return null;
        }

        // Walk out from the middle while the pixels stay at least half as red, so that red tissue elsewhere is ignored.
        bool Red(int x, int y) => x >= 0 && y >= 0 && x < image.Width && y < image.Height && Redness(image[x, y]) * 2 >= full;
        int left = middleX, right = middleX, top = middleY, bottom = middleY;
        while (Red(left - 1, middleY))
        {
            left--;
        }

        while (Red(right + 1, middleY))
        {
            right++;
        }

        while (Red(middleX, top - 1))
        {
            top--;
        }

        while (Red(middleX, bottom + 1))
        {
            bottom++;
        }

        return [left, top, right + 1, bottom + 1];
    }

    private async Task<IPage> OpenSlideAsync(string slideId, string findingsMode)
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserLauncher.LaunchChromiumAsync(_playwright);
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var errors = new List<string>();
        var console = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        await BrowserLauncher.SignInAsync(page, fixture.Host, "demo-pathologist");
        var started = DateTime.UtcNow;
        // Going to the address is not subject to a click that lands before the slide list's circuit is ready.
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, $"slides/{slideId}").ToString());
        try
        {
            await page.WaitForSelectorAsync("[data-testid=slide-viewer][data-opened=true][data-heatmap=loaded]", new() { Timeout = 90_000 });
            await page.WaitForSelectorAsync($"[data-testid=slide-viewer][data-findings={findingsMode}]", new() { Timeout = 90_000 });
        }
        catch (TimeoutException ex)
        {
            await SaveScreenshotAsync(page, $"overlay-timeout-{slideId}.png");
            var viewer = await page.EvaluateAsync<string>(
                "() => JSON.stringify(document.querySelector('[data-testid=slide-viewer]')?.dataset ?? null)");
            var log = fixture.Host.Log;
            throw new TimeoutException(
                $"{ex.Message}\nViewer data: {viewer}\nPage errors: {string.Join("; ", errors)}\n"
                + $"Console: {string.Join("\n", console.TakeLast(20))}\nHost log (end):\n{log[Math.Max(0, log.Length - 4000)..]}",
                ex);
        }

        var findingsShown = DateTime.UtcNow;
        await WaitForTilesAsync(page);
        Console.WriteLine(
            $"{slideId}: findings shown as {findingsMode} {(findingsShown - started).TotalSeconds:0.0} s and every tile in view "
            + $"loaded {(DateTime.UtcNow - started).TotalSeconds:0.0} s after going to the slide page");
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        return page;
    }

    /// <summary>Moves the viewport at once, then waits until the findings and every tile in view are loaded.</summary>
    private static async Task ZoomAsync(IPage page, string zoomScript)
    {
        var revision = await page.GetAttributeAsync("[data-testid=slide-viewer]", "data-findings-revision");
        var started = DateTime.UtcNow;
        await page.EvaluateAsync($$"""
            async () => {
                const viewer = (await import("/js/slide-viewer.js")).viewerOf("slide-viewer");
                window.zoomStartedAt = performance.now();
                {{zoomScript}};
                viewer.raiseEvent("animation-finish");
            }
            """);
        await page.WaitForFunctionAsync(
            "revision => document.querySelector('[data-testid=slide-viewer]').dataset.findingsRevision !== revision",
            revision);
        var findingsShown = DateTime.UtcNow;
        await WaitForTilesAsync(page);
        Console.WriteLine(
            $"Zoom: findings redrawn {(findingsShown - started).TotalSeconds:0.00} s and tiles loaded "
            + $"{(DateTime.UtcNow - started).TotalSeconds:0.00} s after the move");
    }

    private static async Task WaitForTilesAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            async () => {
                const viewer = (await import("/js/slide-viewer.js")).viewerOf("slide-viewer");
                const count = viewer.world.getItemCount();
                for (let i = 0; i < count; i++) {
                    if (!viewer.world.getItemAt(i).getFullyLoaded()) {
                        return false;
                    }
                }

                return count === 2;
            }
            """, null, new() { Timeout = 90_000 });

        // One more frame, so that the canvas shows what has loaded.
        await page.WaitForTimeoutAsync(300);
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(n => n.GetDouble())];

    private static string ScreenshotPath(string fileName)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        return Path.Combine(ScreenshotDirectory, fileName);
    }

    private static Task SaveScreenshotAsync(IPage page, string fileName) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(fileName), FullPage = true });
}
