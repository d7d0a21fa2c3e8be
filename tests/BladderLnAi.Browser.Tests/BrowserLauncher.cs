using Microsoft.Playwright;

namespace BladderLnAi.Browser.Tests;

/// <summary>Starts Debian's Chromium for Playwright and signs in through the product's sign-in page.</summary>
public static class BrowserLauncher
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });

    /// <summary>Opens the host, which redirects to the sign-in page, and signs in as a demo account.</summary>
    public static async Task SignInAsync(IPage page, WebHostProcess host, string userName)
    {
        await page.GotoAsync(host.BaseAddress.ToString());
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", host.DemoPassword(userName));
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForSelectorAsync("[data-testid=signed-in-user]");
    }
}
