using System.Net;
using System.Text;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace BladderLnAi.Web.Tests.Reliability;

/// <summary>
/// Over a thousand malformed and hostile tile, DZI, API and hub requests, generated from a fixed seed, sent by a
/// pathologist of the slides' site, by one of another site and anonymously. None may get a 500, and the other
/// site's user must never see the slides' data.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class HostileRequestTests(BladderLnAiFactory factory) : IClassFixture<BladderLnAiFactory>
{
    private const int Seed = 4_12_2026;
    private const int RequestCount = 1300;
    private const string OwnSlide = "cmu-1-16x16";

    private static readonly string[] Ids =
    [
        OwnSlide, "cmu-1-small-region", "CMU-1-16x16", "", ".", "..", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2f", "cmu-1-16x16%00", "cmu-1-16x16%2F..%2Fcmu-1-small-region", new string('a', 5000), "a%20b",
        "%25", "cmu-1-16x16;ls", "%C3%A9", "%C0%AE%C0%AE", "-leading", "cmu-1-16x16.dzi", "nul", "cmu-1-16x16%0d%0aX-Injected:1",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "3", "12", "99", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "abc", "1e3",
        "%201", "0x10", "+1", "%D9%A1", "1.5", "", "00000000001", "NaN", "1%00",
    ];

    private static readonly string[] AssociatedNames =
    [
        "label", "macro", "thumbnail", "../label", "..%2Flabel", "", new string('x', 300), "label%00", "LABEL",
    ];

    private static readonly string[] ResultPaths =
    [
        "summary.json", "../summary.json", "..%2F..%2Fbladderln.db", "%2e%2e/%2e%2e/bladderln.db", "composites/field-0000.png",
        "composites/../../../bladderln.db", "%2Fetc%2Fpasswd", "findings.geojson", "C:%5Cwindows", "keys", "",
    ];

    private static readonly string[] Markers = ["SQLite format 3", "root:x:0:0", "<key id="];

    [Fact]
    public async Task HttpRequests_Hostile_NeverFailOrLeak()
    {
        var own = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var other = await factory.AccountAsync(Roles.Pathologist, TestSites.Other);
        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ownJob = await CreateOwnJobAsync(own.Client);
        var random = new Random(Seed);
        var failures = new List<string>();
        var rejectedBeforeHost = 0;

        for (var i = 0; i < RequestCount; i++)
        {
            var (method, url, bodyBytes) = NextRequest(random, ownJob);
            var caller = random.Next(3);
            var client = caller switch { 0 => own.Client, 1 => other.Client, _ => anonymous };
            using var request = new HttpRequestMessage(method, url);
            if (bodyBytes > 0)
            {
                request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(new string('{', bodyBytes)));
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (InvalidOperationException exception) when (exception.Message.Contains("null characters", StringComparison.Ordinal))
            {
                // The in-memory server rejects a path with an encoded NUL before the host gets it, and Kestrel returns 400.
                rejectedBeforeHost++;
                continue;
            }

            using var _ = response;
            var body = await response.Content.ReadAsStringAsync();
            var label = $"#{i} {method} {Shorten(url)} as {(caller == 0 ? "own site" : caller == 1 ? "other site" : "anonymous")}";
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{label}: {(int)response.StatusCode} {Shorten(body)}");
            }

            if (Markers.Any(body.Contains))
            {
                failures.Add($"{label}: response contains a file of the server");
            }

            if (caller != 0 && response.IsSuccessStatusCode && !OpenToAnySignedInUser(url))
            {
                failures.Add($"{label}: {(int)response.StatusCode} for a caller outside the slide's site");
            }

            if (caller != 0 && (body.Contains(ownJob.ToString(), StringComparison.OrdinalIgnoreCase) || body.Contains("cmu-1", StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{label}: body names the site's job or slide: {Shorten(body)}");
            }
        }

        Assert.True(RequestCount - rejectedBeforeHost >= 1000, $"Only {RequestCount - rejectedBeforeHost} requests reached the host.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {RequestCount} hostile requests misbehaved:\n{string.Join("\n", failures.Take(40))}");
    }

    [Fact]
    public async Task HubMessages_Hostile_AreRejected()
    {
        var own = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var other = await factory.AccountAsync(Roles.Pathologist, TestSites.Other);
        await using var ownHub = factory.CreateHubConnection(own);
        await using var otherHub = factory.CreateHubConnection(other);
        var heardByOther = new List<AnalysisJobEvent>();
        var ownFinished = new TaskCompletionSource<AnalysisJobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        otherHub.On<AnalysisJobEvent>(AnalysisHub.JobEventMethod, jobEvent => { lock (heardByOther) { heardByOther.Add(jobEvent); } });
        ownHub.On<AnalysisJobEvent>(AnalysisHub.JobEventMethod, jobEvent =>
        {
            if (jobEvent.Type is "completed" or "failed" or "cancelled")
            {
                ownFinished.TrySetResult(jobEvent);
            }
        });
        await ownHub.StartAsync();
        await otherHub.StartAsync();
        var accepted = new List<string>();

        foreach (var (method, arguments) in HostileHubCalls())
        {
            try
            {
                await otherHub.InvokeCoreAsync<object?>(method, arguments);
                accepted.Add($"{method}({string.Join(", ", arguments.Select(a => Shorten(a?.ToString() ?? "null")))})");
            }
            catch (HubException)
            {
                // Rejected as expected.
            }
        }

        await ownHub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", OwnSlide);
        await own.Client.PostAsync($"/api/slides/{OwnSlide}/analyses", null);
        await ownFinished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(500);

        Assert.DoesNotContain(accepted, call => !call.StartsWith("UnwatchSlide", StringComparison.Ordinal));
        Assert.Equal(HubConnectionState.Connected, otherHub.State);
        Assert.Empty(heardByOther);
    }

    [Fact]
    public async Task HubMessage_Oversized_ClosesOnlyThatConnection()
    {
        var own = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        await using var flooding = factory.CreateHubConnection(own);
        await flooding.StartAsync();

        var oversized = await Record.ExceptionAsync(() => flooding.InvokeAsync<AnalysisJobEvent?>("WatchSlide", new string('a', 64 * 1024)));
        await using var fresh = factory.CreateHubConnection(own);
        await fresh.StartAsync();
        var watch = await Record.ExceptionAsync(() => fresh.InvokeAsync<AnalysisJobEvent?>("WatchSlide", OwnSlide));

        Assert.NotNull(oversized);
        Assert.Null(watch);
        Assert.Equal(HubConnectionState.Connected, fresh.State);
    }

    /// <summary>
    /// Returns whether the URL, once its dot segments are removed, is the home page or the slide list, which serve
    /// every signed-in user (with only the slides of their sites).
    /// </summary>
    private static bool OpenToAnySignedInUser(string url) =>
        new Uri(new Uri("http://localhost"), url).AbsolutePath is "/" or "/api/slides" or "/api/slides/";

    private static IEnumerable<(string Method, object?[] Arguments)> HostileHubCalls()
    {
        // The other site's user may not watch the site's slide, and no id form gets around that.
        foreach (var id in Ids.Select(Uri.UnescapeDataString).Append(null!))
        {
            yield return ("WatchSlide", [id]);
            yield return ("UnwatchSlide", [id]);
        }

        foreach (var method in new[] { "DeleteSlide", " ", "watchslide ", "OnConnectedAsync", "Dispose", "GroupName", "Context", new string('m', 2000) })
        {
            yield return (method, [OwnSlide]);
        }

        yield return ("WatchSlide", []);
        yield return ("WatchSlide", [OwnSlide, OwnSlide]);
        yield return ("WatchSlide", [42]);
        yield return ("WatchSlide", [new { id = OwnSlide }]);
        yield return ("WatchSlide", [new[] { OwnSlide }]);
    }

    private static (HttpMethod Method, string Url, int BodyBytes) NextRequest(Random random, Guid ownJob)
    {
        string Pick(string[] values) => values[random.Next(values.Length)];
        var id = Pick(Ids);
        var job = random.Next(6) switch
        {
            0 => ownJob.ToString(),
            1 => new Guid(RandomBytes(random, 16)).ToString(),
            2 => "not-a-guid",
            3 => Guid.Empty.ToString(),
            4 => ownJob.ToString("N") + "x",
            _ => "%7B" + ownJob + "%7D",
        };
        var (method, url) = random.Next(14) switch
        {
            0 or 1 or 2 => (HttpMethod.Get, $"/dzi/{id}_files/{Pick(Numbers)}/{Pick(Numbers)}_{Pick(Numbers)}.jpeg"),
            3 => (HttpMethod.Get, $"/dzi/{id}_files/{Pick(Numbers)}/{Pick(Numbers)}_{Pick(Numbers)}.{Pick(["png", "jpeg%00.png", "jpg", ""])}"),
            4 => (HttpMethod.Get, $"/dzi/{id}{Pick([".dzi", ".xml", "", ".dzi%00", "_files"])}"),
            5 => (HttpMethod.Get, $"/api/slides/{id}"),
            6 => (HttpMethod.Get, $"/api/slides/{id}/associated/{Pick(AssociatedNames)}.jpeg"),
            7 => (HttpMethod.Post, $"/api/slides/{(random.Next(4) == 0 ? OwnSlide : id)}/analyses"),
            8 => (HttpMethod.Get, $"/api/slides/{id}/analyses/latest"),
            9 => (HttpMethod.Get, $"/api/analyses/{job}"),
            10 => (HttpMethod.Post, $"/api/analyses/{job}/{Pick(["cancel", "retry", "delete", ""])}"),
            11 => (HttpMethod.Get, $"/api/analyses/{job}/files/{Pick(ResultPaths)}"),
            12 => (Pick(["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]) is var verb ? new HttpMethod(verb) : HttpMethod.Get, $"/api/slides/{id}"),
            _ => (HttpMethod.Get, $"/dzi/{id}_files/{Pick(Numbers)}/{Pick(Numbers)}_{Pick(Numbers)}_{Pick(Numbers)}.jpeg"),
        };
        var bodyBytes = method == HttpMethod.Get || random.Next(3) != 0 ? 0 : Pick(["1", "2048", "2097152"]) is var size ? int.Parse(size) : 0;
        return (method, url, bodyBytes);
    }

    private static async Task<Guid> CreateOwnJobAsync(HttpClient client)
    {
        var response = await client.PostAsync($"/api/slides/{OwnSlide}/analyses", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.ToString().Split('/')[^1]);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
