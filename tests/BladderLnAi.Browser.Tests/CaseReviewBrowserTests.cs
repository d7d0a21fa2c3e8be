using System.Text.Json;
using Microsoft.Playwright;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Reviews a case from analysis to sign-out as two people in two browser contexts of Debian's Chromium: the
/// pathologist proposes rulings and draws a missed deposit, the senior pathologist confirms and signs out, and each
/// sees the other's changes appear without reloading. The slide is synthetic, with tumour foci that the bundled
/// model finds, so the review starts from real AI findings. Screenshots go to <c>BLADDERLN_SCREENSHOTS</c> or the test
/// output folder.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Review")]
public sealed class CaseReviewBrowserTests(SyntheticSlideHost synthetic) : IClassFixture<SyntheticSlideHost>
{
    private static readonly string Slide = SyntheticSlideHost.SlideId;
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(30);

    private static readonly string ScreenshotDirectory =
        Environment.GetEnvironmentVariable("BLADDERLN_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Case_TwoReviewers_AnalysisToSignOut()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserLauncher.LaunchChromiumAsync(playwright);
        var pathologistContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1500, Height = 1000 } });
        var seniorContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1500, Height = 1000 } });
        var pathologist = await pathologistContext.NewPageAsync();
        var senior = await seniorContext.NewPageAsync();
        await BrowserLauncher.SignInAsync(pathologist, Host, "demo-pathologist");
        await BrowserLauncher.SignInAsync(senior, Host, "demo-seniorpathologist");

        // The pathologist creates the case in the case list; the slide, its node and the analysis come through the API.
        await pathologist.GotoAsync(Url("cases"));
        await pathologist.WaitForSelectorAsync("[data-testid=create-case][data-interactive=true]");
        await pathologist.FillAsync("[data-testid=new-case-accession] input, input[data-testid=new-case-accession]", "BT-26-0001");
        await pathologist.ClickAsync("[data-testid=create-case]");
        await pathologist.WaitForSelectorAsync("[data-testid=case-accession][data-interactive=true]");
        var caseId = int.Parse(pathologist.Url.Split('/').Last());
        var api = pathologistContext.APIRequest;
        var slide = await PostJsonAsync(api, $"api/cases/{caseId}/slides", new { slideId = Slide });
        var caseSlideId = slide.GetProperty("id").GetInt32();
        await PostJsonAsync(api, $"api/cases/{caseId}/nodes", new { label = "LN1", station = "LeftObturator", caseSlideIds = new[] { caseSlideId } });
        await AnalyseAsync(api);

        await OpenCaseAsync(pathologist, $"cases/{caseId}");
        await OpenCaseAsync(senior, $"cases/{caseId}");
        await pathologist.ClickAsync("[data-testid=import-analysis]");
        await pathologist.WaitForSelectorAsync("[data-testid=case-status][data-status=Analysed]");
        await senior.WaitForSelectorAsync("[data-testid=case-status][data-status=Analysed]", new() { Timeout = Ms(LiveTimeout) });
        await SaveScreenshotAsync(pathologist, "case-imported.png");
        var importedCount = CountOf(await GetCaseAsync(api, caseId));

        // The pathologist draws a deposit the model missed; the senior's case page lists it without reloading.
        await OpenCaseAsync(pathologist, $"cases/{caseId}/slides/{caseSlideId}");
        var viewer = await pathologist.WaitForSelectorAsync("[data-testid=case-viewer][data-opened=true]");
        await pathologist.ClickAsync("[data-testid=draw-missed]");
        await pathologist.WaitForSelectorAsync("[data-testid=case-viewer][data-drawing=true]");
        var box = (await viewer!.BoundingBoxAsync())!;
        foreach (var (dx, dy) in new[] { (0.40, 0.40), (0.55, 0.42), (0.50, 0.58) })
        {
            await pathologist.Mouse.ClickAsync((float)(box.X + box.Width * dx), (float)(box.Y + box.Height * dy));
            await pathologist.WaitForTimeoutAsync(400);
        }

        await pathologist.ClickAsync("[data-testid=finish-drawing]");
        await WaitForFindingsAsync(senior, importedCount + 1);
        await pathologist.WaitForSelectorAsync("polygon[data-style=proposed-confirm]");
        await SaveScreenshotAsync(pathologist, "case-slide-drawn.png");
        await SaveScreenshotAsync(senior, "case-senior-sees-drawing.png");

        // The pathologist rules on every AI finding in the case page: the first as tumour, the rest as artefacts.
        await OpenCaseAsync(pathologist, $"cases/{caseId}");
        var current = await GetCaseAsync(api, caseId);
        var aiFindings = current.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("origin").GetString() == "Ai").ToList();
        foreach (var (finding, index) in aiFindings.Select((f, i) => (f, i)))
        {
            var id = finding.GetProperty("id").GetInt32();
            if (index == 0)
            {
                await pathologist.ClickAsync($"[data-testid=propose-confirm-{id}]");
                await senior.WaitForSelectorAsync($"td[data-finding-id='{id}'] [data-style=proposed-confirm]", new() { Timeout = Ms(LiveTimeout) });
            }
            else
            {
                await PostJsonAsync(api, $"api/cases/{caseId}/findings/{id}/proposal",
                    new { version = finding.GetProperty("version").GetGuid(), ruling = "Reject", rejectionReason = "Artefact" });
            }
        }

        // The senior confirms each proposal; the pathologist sees the confirmations appear.
        current = await GetCaseAsync(api, caseId);
        foreach (var finding in current.GetProperty("findings").EnumerateArray())
        {
            var id = finding.GetProperty("id").GetInt32();
            await senior.ClickAsync($"[data-testid=confirm-{id}]");
            await pathologist.WaitForSelectorAsync(
                $"td[data-finding-id='{id}'] [data-style^=final-]", new() { Timeout = Ms(LiveTimeout) });
        }

        await SaveScreenshotAsync(pathologist, "case-rulings-confirmed.png");
        await pathologist.ClickAsync("[data-testid=submit-case]");
        await senior.WaitForSelectorAsync("[data-testid=case-status][data-status=AwaitingSenior]", new() { Timeout = Ms(LiveTimeout) });
        var suggested = await senior.InnerTextAsync("[data-testid=suggested-pn]");
        await SaveScreenshotAsync(senior, "case-awaiting-senior.png");
        await senior.ClickAsync("[data-testid=sign-out-case]");
        await pathologist.WaitForSelectorAsync("[data-testid=case-status][data-status=SignedOut]", new() { Timeout = Ms(LiveTimeout) });
        await senior.WaitForSelectorAsync("[data-testid=report-html]");
        await SaveScreenshotAsync(senior, "case-signed-out.png");

        var signedOut = await GetCaseAsync(api, caseId);
        Assert.Equal("SignedOut", signedOut.GetProperty("status").GetString());
        Assert.Equal("pN1", suggested);
        Assert.Equal("pN1", signedOut.GetProperty("pnCategory").GetString());
        Assert.Equal(importedCount + 1, CountOf(signedOut));
        foreach (var finding in signedOut.GetProperty("findings").EnumerateArray())
        {
            Assert.Equal("Final", finding.GetProperty("reviewState").GetString());
            Assert.Equal("Demo Pathologist", finding.GetProperty("proposedByName").GetString());
            Assert.Equal("Demo SeniorPathologist", finding.GetProperty("confirmedByName").GetString());
        }

        await senior.GotoAsync(Url("cases"));
        await senior.WaitForSelectorAsync($"a[data-case-id='{caseId}']");
        await SaveScreenshotAsync(senior, "case-list.png");
        var report = await senior.GotoAsync(Url($"api/cases/{caseId}/report"));
        Assert.Equal(200, report!.Status);
        await SaveScreenshotAsync(senior, "case-report.png");
    }

    private WebHostProcess Host => synthetic.Host;

    private string Url(string path) => new Uri(Host.BaseAddress, path).ToString();

    /// <summary>Opens a case page and waits until it runs interactively, because buttons of the prerendered page do nothing.</summary>
    private async Task OpenCaseAsync(IPage page, string path)
    {
        await page.GotoAsync(Url(path));
        await page.WaitForSelectorAsync("[data-testid=case-accession][data-interactive=true]");
    }

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    private static int CountOf(JsonElement reviewCase) => reviewCase.GetProperty("findings").GetArrayLength();

    /// <summary>Waits until the page's findings table has the expected number of rows.</summary>
    private static Task WaitForFindingsAsync(IPage page, int expected) =>
        page.WaitForFunctionAsync(
            "count => document.querySelectorAll('td[data-finding-id]').length === count", expected, new() { Timeout = Ms(LiveTimeout) });

    private async Task AnalyseAsync(IAPIRequestContext api)
    {
        var queued = await api.PostAsync(Url($"api/slides/{Slide}/analyses"));
        var location = queued.Headers["location"];
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var job = JsonDocument.Parse(await (await api.GetAsync(Url(location.TrimStart('/')))).TextAsync()).RootElement;
            if (job.GetProperty("status").GetString() == "Completed")
            {
                return;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"The analysis of {Slide} did not complete within 5 minutes:\n{Host.Log}");
    }

    private async Task<JsonElement> GetCaseAsync(IAPIRequestContext api, int caseId) =>
        JsonDocument.Parse(await (await api.GetAsync(Url($"api/cases/{caseId}"))).TextAsync()).RootElement;

    private async Task<JsonElement> PostJsonAsync(IAPIRequestContext api, string path, object body)
    {
        var response = await api.PostAsync(Url(path), new() { DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"POST {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, fileName), FullPage = true });
    }
}
