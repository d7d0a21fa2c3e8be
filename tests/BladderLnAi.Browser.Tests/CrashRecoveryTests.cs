using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Kills the real web host process with SIGKILL in the middle of an analysis and starts it again over the same data
/// folder: nothing acknowledged is lost, partial files are gone, and the job can be retried to completion.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class CrashRecoveryTests
{
    private const string Slide = "cmu-1-small-region";
    private const string User = "demo-pathologist";

    private static readonly string ScreenshotDirectory =
        Environment.GetEnvironmentVariable("BLADDERLN_SCREENSHOTS")
        ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Kill_MidAnalysis_JobSurvivesRestart()
    {
        var host = new WebHostProcess();
        await host.StartAsync();
        try
        {
            // Arrange: an analysis that has started reading fields, watched over SignalR.
            var (http, cookies) = await SignInAsync(host);
            await using var hub = CreateHub(host, cookies);
            var running = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<JsonElement>("JobEvent", jobEvent =>
            {
                if (jobEvent.GetProperty("type").GetString() == "progress" && jobEvent.GetProperty("fieldsDone").GetInt32() >= 1)
                {
                    running.TrySetResult(jobEvent);
                }
            });
            await hub.StartAsync();
            await hub.InvokeAsync<JsonElement?>("WatchSlide", Slide);
            var queued = await http.PostAsync($"api/slides/{Slide}/analyses", null);
            var jobId = Guid.Parse(queued.Headers.Location!.ToString().Split('/')[^1]);
            await running.Task.WaitAsync(TimeSpan.FromMinutes(3));
            var uploads = Directory.CreateDirectory(Path.Combine(host.DataDirectory, "uploads")).FullName;
            var partialUpload = Path.Combine(uploads, "incoming.svs.partial");
            File.WriteAllBytes(partialUpload, new byte[4096]);
            var resultFolder = Path.Combine(host.DataDirectory, "analyses", jobId.ToString("N"));

            // Act: kill the process, then start it again over the same data folder.
            await host.KillAsync();
            var auditBeforeRestart = CountAuditEntries(host, jobId);
            await host.StartAsync();
            (http, cookies) = await SignInAsync(host);
            var job = await http.GetFromJsonAsync<JsonElement>($"api/analyses/{jobId}");
            await using var reconnected = CreateHub(host, cookies);
            await reconnected.StartAsync();
            var current = await reconnected.InvokeAsync<JsonElement>("WatchSlide", Slide);

            // Assert: the job is interrupted and retryable, the audit entry survived, partial files are gone.
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            Assert.Equal("Interrupted", job.GetProperty("status").GetString());
            Assert.Contains("Retry", job.GetProperty("message").GetString());
            Assert.Equal(1, auditBeforeRestart);
            Assert.Equal(1, CountAuditEntries(host, jobId));
            Assert.False(Directory.Exists(resultFolder), $"The partial result folder {resultFolder} was kept.");
            Assert.False(File.Exists(partialUpload), "The partial upload was kept.");
            Assert.Equal(jobId, current.GetProperty("jobId").GetGuid());
            Assert.Equal("Interrupted", current.GetProperty("status").GetString());
            Assert.Contains("Deleted", host.Log);

            await RetryInViewerAsync(host, jobId, http);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Presses the viewer's retry button and waits until the job completes on its second attempt.</summary>
    private static async Task RetryInViewerAsync(WebHostProcess host, Guid jobId, HttpClient http)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserLauncher.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });
        await BrowserLauncher.SignInAsync(page, host, User);
        await page.GotoAsync(new Uri(host.BaseAddress, $"slides/{Slide}").ToString());
        await page.WaitForSelectorAsync("[data-testid=retry-analysis]", new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=slide-viewer][data-opened=true]");
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "viewer-retry-after-crash.png") });

        await page.ClickAsync("[data-testid=retry-analysis]");
        await page.WaitForSelectorAsync("[data-testid=analysis-progress][data-status=Completed]", new() { Timeout = 300_000 });
        var job = await http.GetFromJsonAsync<JsonElement>($"api/analyses/{jobId}");

        Assert.Equal("Completed", job.GetProperty("status").GetString());
    }

    private static HubConnection CreateHub(WebHostProcess host, CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/analysis"), options => options.Cookies = cookies)
            .Build();

    /// <summary>Signs in through the sign-in form and returns a client that sends the session cookie.</summary>
    internal static async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(WebHostProcess host, string user = User)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.BaseAddress };
        var page = await http.GetStringAsync("account/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["Input.UserName"] = user,
            ["Input.Password"] = host.DemoPassword(user),
        });
        var response = await http.PostAsync("account/login", form);
        Assert.True(
            cookies.GetCookies(host.BaseAddress).Any(cookie => cookie.Name == "BladderLnAi.Session"),
            $"Signing in as {user} set no session cookie (HTTP {(int)response.StatusCode}).");
        return (http, cookies);
    }

    private static long CountAuditEntries(WebHostProcess host, Guid jobId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "bladderln.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'analysis.requested' AND Details = $details";
        command.Parameters.AddWithValue("$details", $"job {jobId}");
        return (long)command.ExecuteScalar()!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
