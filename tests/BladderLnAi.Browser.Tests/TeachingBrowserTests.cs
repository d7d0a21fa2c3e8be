using System.Text.Json;
using Microsoft.Playwright;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Teaching in Debian's Chromium against the real host: a case is signed out through the review routes, an educator
/// builds and assigns a case set, the resident marks the slide blind, submits and sees the reveal, and the educator
/// reads the dashboard. Screenshots go to <c>BLADDERLN_SCREENSHOTS</c> or the test output folder.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Teaching")]
public sealed class TeachingBrowserTests(WebHostProcess host) : IClassFixture<WebHostProcess>
{
    private const string Slide = "cmu-1-small-region";

    private static readonly string ScreenshotDirectory =
        Environment.GetEnvironmentVariable("BLADDERLN_SCREENSHOTS")
        ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task ResidentAttempt_ThroughRevealAndDashboard()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserLauncher.LaunchChromiumAsync(playwright);
        var accession = $"T26-{Random.Shared.Next(10000, 99999)}";
        await SignedOutCaseAsync(browser, accession);

        var educator = await NewPageAsync(browser, "demo-educator");
        var setUrl = await OnFailureScreenshotAsync(educator, "teaching-failed-educator.png", () => BuildAndAssignSetAsync(educator, accession));

        var resident = await NewPageAsync(browser, "demo-resident");
        var errors = new List<string>();
        resident.PageError += (_, error) => errors.Add(error);
        await OnFailureScreenshotAsync(resident, "teaching-failed-resident.png", async () =>
        {
            await MarkAndSubmitAsync(resident, accession);
            await CheckRevealAsync(resident);
            return true;
        });

        await educator.GotoAsync(setUrl + "/progress");
        await OnFailureScreenshotAsync(educator, "teaching-failed-dashboard.png", async () =>
        {
            await educator.WaitForSelectorAsync("[data-testid=resident-row]");
            await educator.WaitForSelectorAsync("[data-testid=sensitivity-chart] svg");
            await educator.WaitForSelectorAsync("[data-testid=trend-chart] svg");
            return true;
        });
        await SaveScreenshotAsync(educator, "teaching-dashboard.png");
        var residentRow = await educator.TextContentAsync("[data-testid=resident-row]");
        var missed = await educator.TextContentAsync("[data-testid=most-missed]");
        var csv = await educator.APIRequest.GetAsync(await educator.GetAttributeAsync("[data-testid=export-csv]", "href") is { } href
            ? new Uri(host.BaseAddress, href).ToString()
            : throw new InvalidOperationException("The dashboard has no CSV link."));

        Assert.Empty(errors);
        Assert.Contains("Demo Resident", residentRow);
        Assert.Contains("isolated tumour cells", missed);
        Assert.Equal(200, csv.Status);
        Assert.Contains(",1,1,1,0.5,", await csv.TextAsync());
        await educator.GotoAsync(new Uri(host.BaseAddress, "teaching").ToString());
        await educator.WaitForSelectorAsync("[data-testid=case-set-row]");
        await SaveScreenshotAsync(educator, "teaching-educator-home.png");
    }

    /// <summary>Creates a case through the review routes: a micrometastasis at the slide's centre and ITC in a corner, both confirmed.</summary>
    private async Task SignedOutCaseAsync(IBrowser browser, string accession)
    {
        var pathologist = await NewPageAsync(browser, "demo-pathologist");
        var senior = await NewPageAsync(browser, "demo-seniorpathologist");
        var analysis = await PostAsync(pathologist, $"api/slides/{Slide}/analyses", null);

        var created = await PostAsync(pathologist, "api/cases", new { accessionNumber = accession });
        var caseId = created.GetProperty("id").GetInt32();
        var slide = await PostAsync(pathologist, $"api/cases/{caseId}/slides", new { slideId = Slide });
        var caseSlideId = slide.GetProperty("id").GetInt32();
        var node = await PostAsync(pathologist, $"api/cases/{caseId}/nodes", new { label = "LN1", station = 1, caseSlideIds = new[] { caseSlideId } });
        var nodeId = node.GetProperty("id").GetInt32();
        double[][] centre = [[800, 1100], [1400, 1100], [1400, 1800], [800, 1800]];
        double[][] corner = [[300, 300], [360, 300], [300, 360]];
        foreach (var outline in new[] { centre, corner })
        {
            var finding = await PostAsync(pathologist, $"api/cases/{caseId}/findings", new { caseSlideId, outline, lymphNodeId = nodeId });
            var version = finding.GetProperty("version").GetGuid();
            await PostAsync(senior, $"api/cases/{caseId}/findings/{finding.GetProperty("id").GetInt32()}/confirmation", new { version });
        }

        var current = await GetAsync(pathologist, $"api/cases/{caseId}");
        var submitted = await PostAsync(pathologist, $"api/cases/{caseId}/submission", new { version = current.GetProperty("version").GetGuid() });
        await PostAsync(senior, $"api/cases/{caseId}/sign-out", new { version = submitted.GetProperty("version").GetGuid() });
        await WaitForAnalysisAsync(pathologist, analysis.GetProperty("jobId").GetGuid());
    }

    private async Task<string> BuildAndAssignSetAsync(IPage educator, string accession)
    {
        await educator.GotoAsync(new Uri(host.BaseAddress, "teaching").ToString());
        await educator.WaitForSelectorAsync("[data-testid=educator-sets][data-interactive=true]");
        await educator.FillAsync("[data-testid=new-set-name]", "Browser nodes");
        await educator.ClickAsync("[data-testid=create-set]");
        await educator.WaitForSelectorAsync("[data-testid=set-name][data-interactive=true]");
        await ChooseAsync(educator, "case-to-add", accession);
        await educator.ClickAsync("[data-testid=add-case]");
        await educator.WaitForSelectorAsync($"[data-testid=set-case]:has-text('{accession}')");
        await educator.FillAsync("[data-testid=learning-notes-input]", "Look at the subcapsular sinus first.");
        await educator.ClickAsync("[data-testid=set-name]");
        await ChooseAsync(educator, "resident-to-assign", "Demo Resident");
        await educator.ClickAsync("[data-testid=assign]");
        await educator.WaitForSelectorAsync("[data-testid=assignment-row]");
        await SaveScreenshotAsync(educator, "teaching-case-set.png");
        return educator.Url;
    }

    private async Task MarkAndSubmitAsync(IPage resident, string accession)
    {
        await resident.ClickAsync("[data-testid=teaching-link]");
        await resident.WaitForSelectorAsync("[data-testid=assignments][data-interactive=true]");
        await resident.WaitForSelectorAsync("[data-testid=assigned-case]:has-text('Browser nodes')");
        await SaveScreenshotAsync(resident, "teaching-resident-home.png");
        await resident.ClickAsync("[data-testid=assigned-case]:has-text('Browser nodes') [data-testid=open-case]");
        var viewer = await resident.WaitForSelectorAsync("[data-testid=teaching-viewer][data-opened=true]");
        var box = (await viewer!.BoundingBoxAsync())!;

        // The home view fits the whole slide: the centre of the viewer is the centre of the slide, inside the
        // micrometastasis, and 35% of the height lower is tissue outside every finding.
        await resident.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await resident.WaitForSelectorAsync("[data-testid=teaching-viewer][data-marks='1']");
        await resident.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height * 0.85f);
        await resident.WaitForSelectorAsync("[data-testid=teaching-viewer][data-marks='2']");
        await SaveScreenshotAsync(resident, "teaching-attempt-blind.png");
        var blindPage = await resident.ContentAsync();

        Assert.DoesNotContain(accession, blindPage);
        Assert.DoesNotContain(Slide, blindPage, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await resident.QuerySelectorAsync("[data-testid=teaching-viewer][data-heatmap]"));
        Assert.Null(await resident.QuerySelectorAsync("[data-testid=teaching-viewer][data-findings]"));

        await resident.ClickAsync("[data-testid=submit-attempt]");
        await resident.ClickAsync(".mud-dialog button:has-text('Submit')");
    }

    private async Task CheckRevealAsync(IPage resident)
    {
        await resident.WaitForSelectorAsync("[data-testid=reveal-score]");
        await resident.WaitForSelectorAsync("[data-testid=teaching-viewer][data-findings='2']");
        await resident.WaitForSelectorAsync("[data-testid=teaching-viewer][data-heatmap=loaded]", new() { Timeout = 30_000 });
        await resident.WaitForSelectorAsync("[data-testid=sensitivity-chart] svg");
        await SaveScreenshotAsync(resident, "teaching-reveal.png");
        var score = await resident.TextContentAsync("[data-testid=reveal-score]");
        var notes = await resident.TextContentAsync("[data-testid=learning-notes]");
        var misses = await resident.QuerySelectorAllAsync("[data-testid=miss-zoom]");

        Assert.Contains("Found 1 of 2 confirmed findings", score);
        Assert.Contains("1 false marks", score);
        Assert.Contains("subcapsular sinus", notes);
        Assert.Single(misses);

        await misses[0].ClickAsync();
        await resident.WaitForTimeoutAsync(1500);
        await SaveScreenshotAsync(resident, "teaching-reveal-zoomed.png");

        await resident.ClickAsync("[data-testid=teaching-link]");
        await resident.WaitForSelectorAsync("[data-testid=history] [data-testid=attempt-row]");
        await resident.WaitForSelectorAsync("[data-testid=history] [data-testid=trend-chart] svg");
        await SaveScreenshotAsync(resident, "teaching-resident-history.png");
    }

    /// <summary>Opens a MudSelect by its test id and picks the first option containing the text.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string optionText)
    {
        await page.ClickAsync($"[data-testid={testId}]");
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{optionText}')");
        await page.WaitForSelectorAsync(".mud-popover-open", new() { State = WaitForSelectorState.Detached });
    }

    private async Task<IPage> NewPageAsync(IBrowser browser, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await BrowserLauncher.SignInAsync(page, host, userName);
        return page;
    }

    private async Task<JsonElement> PostAsync(IPage page, string path, object? body)
    {
        var response = await page.APIRequest.PostAsync(new Uri(host.BaseAddress, path).ToString(), new() { DataObject = body ?? new { } });
        return await ReadAsync(response, $"POST {path}");
    }

    private async Task<JsonElement> GetAsync(IPage page, string path) =>
        await ReadAsync(await page.APIRequest.GetAsync(new Uri(host.BaseAddress, path).ToString()), $"GET {path}");

    private static async Task<JsonElement> ReadAsync(IAPIResponse response, string request)
    {
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{request} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task WaitForAnalysisAsync(IPage page, Guid jobId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var job = await GetAsync(page, $"api/analyses/{jobId}");
            var status = job.GetProperty("status").GetString();
            if (status == "Completed")
            {
                return;
            }

            Assert.NotEqual("Failed", status);
            await Task.Delay(500);
        }

        throw new TimeoutException($"Analysis {jobId} did not complete within 5 minutes.");
    }

    /// <summary>Runs a step and, when it throws, saves what the page showed before passing the error on.</summary>
    private async Task<T> OnFailureScreenshotAsync<T>(IPage page, string fileName, Func<Task<T>> step)
    {
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        try
        {
            return await step();
        }
        catch (Exception)
        {
            await SaveScreenshotAsync(page, fileName);
            await File.WriteAllTextAsync(Path.Combine(ScreenshotDirectory, fileName + ".log"), string.Join('\n', console) + "\n\n" + host.Log);
            throw;
        }
    }

    private static async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, fileName), FullPage = true });
    }
}
