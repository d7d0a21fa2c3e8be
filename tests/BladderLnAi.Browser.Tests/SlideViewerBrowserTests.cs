using BladderLnAi.Tests;
using Microsoft.Playwright;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Drives Debian's Chromium through the viewer: open a real slide, analyse it, watch the progress and see the
/// composite patch beside the slide. Screenshots go to <c>BLADDERLN_SCREENSHOTS</c> or the test output folder.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SlideViewerBrowserTests(WebHostProcess host) : IClassFixture<WebHostProcess>
{
    private static readonly string ScreenshotDirectory =
        Environment.GetEnvironmentVariable("BLADDERLN_SCREENSHOTS")
        ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Viewer_AnalyseRealSlide_ShowsProgressAndSideBySideView()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserLauncher.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await BrowserLauncher.SignInAsync(page, host, "demo-pathologist");
        await page.ClickAsync("a[data-slide-id=cmu-1-small-region]");
        await page.WaitForSelectorAsync("[data-testid=slide-viewer][data-opened=true]");
        await page.ClickAsync("[data-testid=start-analysis]");
        await page.WaitForSelectorAsync("[data-testid=analysis-stage]", new() { Timeout = 60_000 });
        await SaveScreenshotAsync(page, "viewer-progress.png");
        await page.WaitForSelectorAsync(
            "[data-testid=analysis-progress][data-status=Completed]",
            new() { Timeout = 300_000 });
        await page.WaitForSelectorAsync("[data-testid=slide-viewer][data-heatmap=loaded]", new() { Timeout = 30_000 });
        var composite = await page.WaitForSelectorAsync(
            "[data-testid=composite-canvas][data-loaded=true], [data-testid=no-composite]",
            new() { Timeout = 30_000 });
        await SaveScreenshotAsync(page, "viewer-results.png");

        Assert.NotNull(composite);
        Assert.Empty(errors);
        var findingsTab = await page.TextContentAsync(".mud-tabs-tabbar");
        Assert.Matches(@"Findings \(\d+\)", findingsTab ?? "");
    }

    [Fact]
    public async Task Viewer_UnknownSlide_ShowsNotFoundMessage()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserLauncher.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync();
        await BrowserLauncher.SignInAsync(page, host, "demo-pathologist");

        await page.GotoAsync(new Uri(host.BaseAddress, "slides/no-such-slide").ToString());
        var error = await page.WaitForSelectorAsync("[data-testid=slide-error]");

        Assert.Contains("was not found", await error!.TextContentAsync());
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysOnSignInPage()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserLauncher.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.FillAsync("#user-name", "demo-resident");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("[data-testid=sign-in]");
        var error = await page.WaitForSelectorAsync("[data-testid=sign-in-error]");

        Assert.Contains("Invalid user name or password", await error!.TextContentAsync());
        Assert.Contains("/account/login", page.Url);
    }

    private static async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, fileName), FullPage = true });
    }
}
