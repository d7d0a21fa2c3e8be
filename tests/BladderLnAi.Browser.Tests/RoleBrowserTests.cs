using Microsoft.Playwright;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Signs in as each demo account in Debian's Chromium and checks what that role sees: every role sees its
/// site's slides, only administrators reach the administration page.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Security")]
public sealed class RoleBrowserTests(WebHostProcess host) : IClassFixture<WebHostProcess>
{
    [Theory]
    [InlineData("demo-admin", true)]
    [InlineData("demo-pathologist", false)]
    [InlineData("demo-seniorpathologist", false)]
    [InlineData("demo-resident", false)]
    [InlineData("demo-educator", false)]
    public async Task SignIn_EachRole_SeesItsPages(string userName, bool administrator)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserLauncher.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync();

        await BrowserLauncher.SignInAsync(page, host, userName);
        var slideLink = await page.QuerySelectorAsync("a[data-slide-id=cmu-1-small-region]");
        var adminLink = await page.QuerySelectorAsync("[data-testid=admin-link]");
        await page.GotoAsync(new Uri(host.BaseAddress, "admin").ToString());
        var sitePanel = administrator
            ? await page.WaitForSelectorAsync("[data-testid=site][data-site-code=DEMO]")
            : await page.WaitForSelectorAsync("[data-testid=access-denied]");

        Assert.NotNull(slideLink);
        Assert.Equal(administrator, adminLink is not null);
        Assert.NotNull(sitePanel);
        Assert.Equal(administrator, !page.Url.Contains("/account/access-denied"));
    }
}
