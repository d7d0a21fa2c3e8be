using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BladderLnAi.Tests;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>
/// The real web host, started from its build output with its own empty data folder and demo accounts. The benchmark
/// signs in as the demo pathologist, so its requests pass the same authentication and slide access checks as a
/// browser's.
/// </summary>
public sealed partial class BladderLnAiServer(IReadOnlyList<string> slideFolders) : TileServer("bladderlnai")
{
    private const string DemoUser = "demo-pathologist";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"bladderln-bench-data-{Guid.NewGuid():N}");

    protected override string ReadinessPath => "health/live";

    /// <summary>
    /// Signs in with the demo pathologist's password from the host log, and returns the cookies that authenticate
    /// later requests, as one Cookie header value.
    /// </summary>
    /// <exception cref="InvalidOperationException">The log shows no password, or the sign-in failed.</exception>
    public override async Task<string?> SignInAsync()
    {
        var password = DemoPassword();
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = BaseAddress };

        using var page = await http.GetAsync("account/login");
        var pageCookies = Cookies(page);
        var form = HiddenInputs(await page.Content.ReadAsStringAsync());
        form["Input.UserName"] = DemoUser;
        form["Input.Password"] = password;

        using var request = new HttpRequestMessage(HttpMethod.Post, "account/login") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", pageCookies);
        using var response = await http.SendAsync(request);
        var session = Cookies(response);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            || !session.Contains("BladderLnAi.Session=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Signing in as {DemoUser} failed with HTTP {(int)response.StatusCode} and no session cookie:\n{ReadLogTail()}");
        }

        return session;
    }

    protected override ProcessStartInfo CreateStartInfo(int port)
    {
        Directory.CreateDirectory(_dataDirectory);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestPaths.RepositoryRoot };
        start.ArgumentList.Add(BenchmarkPaths.WebHostAssembly());
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Production needs OpenID Connect certificates; the tile routes behave the same in both environments.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = _dataDirectory;
        start.Environment["Analysis__ModelDirectory"] = TestPaths.ModelDirectory;
        start.Environment["Analysis__Device"] = "Cpu";
        start.Environment["Identity__SeedDemoAccounts"] = "true";
        for (var i = 0; i < slideFolders.Count; i++)
        {
            start.Environment[$"Slides__Folders__{i}"] = slideFolders[i];
        }

        return start;
    }

    protected override void OnStopped()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private string DemoPassword()
    {
        var log = File.ReadAllText(LogPath);
        var match = Regex.Match(log, $@"Created demo account {Regex.Escape(DemoUser)} \(.*?\) with password (\S+);");
        return match.Success
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"The web host logged no password for demo account {DemoUser}:\n{ReadLogTail()}");
    }

    /// <summary>Returns the name=value pairs of a response's Set-Cookie headers as one Cookie header value.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(value => value.Split(';')[0])
            : []);

    /// <summary>Returns the hidden inputs of a form page, such as the antiforgery token and the form handler name.</summary>
    private static Dictionary<string, string> HiddenInputs(string html)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in HiddenInputPattern().Matches(html))
        {
            var name = AttributePattern("name").Match(input.Value);
            var value = AttributePattern("value").Match(input.Value);
            if (name.Success)
            {
                inputs[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups[1].Value : "");
            }
        }

        return inputs;
    }

    private static Regex AttributePattern(string attribute) => new($@"\b{attribute}=""([^""]*)""");

    [GeneratedRegex(@"<input[^>]*type=""hidden""[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInputPattern();
}
