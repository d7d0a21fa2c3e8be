using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BladderLnAi.Tests;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace BladderLnAi.ScaleOut.Tests;

/// <summary>
/// Two web hosts and two analysis workers as separate processes, sharing a fresh PostgreSQL database, the RabbitMQ
/// broker, the Redis backplane and one data folder (the shared storage), over copies of a real sample slide.
/// </summary>
public sealed partial class ScaleOutCluster : IAsyncLifetime
{
    public const string WorkerClientId = "analysis-worker";

    /// <summary>Copies of the sample slide, one per test that runs an analysis, so that each gets its own job.</summary>
    public static readonly string[] SlideCopies = ["node-a", "node-b", "node-c", "node-d", "node-e"];

    /// <summary>A file with a slide extension that contains no slide, so every attempt at it fails.</summary>
    public const string BrokenSlide = "broken";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _workerSecret = $"worker-{Guid.NewGuid():N}";
    private readonly List<HostProcess> _webHosts = [];
    private readonly List<HostProcess> _workers = [];

    public string DataDirectory { get; } = TestPaths.NewTempDirectory("scaleout");

    public string SlideDirectory => Path.Combine(DataDirectory, "slide-store");

    public string DatabaseName { get; } = $"bladderln_scaleout_{Guid.NewGuid():N}";

    public string DatabaseConnectionString => $"{ScaleOutServers.PostgreSql};Database={DatabaseName}";

    public IReadOnlyList<Uri> WebHosts { get; private set; } = [];

    public IReadOnlyList<HostProcess> Workers => _workers;

    public async Task InitializeAsync()
    {
        if (ScaleOutServers.Missing().Count > 0)
        {
            // Every test of the collection is skipped; start nothing.
            return;
        }

        PrepareSlides();
        await CreateDatabaseAsync();
        var uris = new List<Uri>();
        for (var index = 0; index < 2; index++)
        {
            // One after the other: the first host migrates the database and seeds the demo accounts.
            var (host, uri) = await StartWebHostAsync(index);
            _webHosts.Add(host);
            uris.Add(uri);
        }

        WebHosts = uris;
        for (var index = 0; index < 2; index++)
        {
            _workers.Add(await StartWorkerAsync(index));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _workers.Concat(_webHosts))
        {
            await process.DisposeAsync();
        }

        if (ScaleOutServers.Missing().Count == 0)
        {
            await using var connection = new NpgsqlConnection(ScaleOutServers.PostgreSql + ";Database=postgres");
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Everything the web hosts and workers logged, for failure messages.</summary>
    public string Logs => string.Join(
        "\n",
        _webHosts.Concat(_workers).Select(process => $"===== {process.Name} =====\n{process.Log}"));

    /// <summary>Replaces a killed worker with a new process, so that later tests have two workers again.</summary>
    public async Task ReplaceWorkerAsync(HostProcess killed)
    {
        var index = _workers.IndexOf(killed);
        await killed.DisposeAsync();
        _workers[index] = await StartWorkerAsync(index);
    }

    /// <summary>Signs the demo pathologist in on one web host through the sign-in form.</summary>
    public async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(int webHost)
    {
        var password = DemoPassword("demo-pathologist");
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = WebHosts[webHost],
            Timeout = TimeSpan.FromSeconds(60),
        };
        var page = await client.GetStringAsync("account/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "demo-pathologist",
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync("account/login", form);
        if (!cookies.GetCookies(WebHosts[webHost]).Any(cookie => cookie.Name == "BladderLnAi.Session"))
        {
            throw new InvalidOperationException(
                $"Signing in on web host {webHost + 1} set no session cookie; it answered {(int)response.StatusCode}.");
        }

        return (client, cookies);
    }

    /// <summary>Connects a SignalR client to the analysis hub of one web host with the given sign-in cookies.</summary>
    public async Task<HubConnection> ConnectHubAsync(int webHost, CookieContainer cookies)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(WebHosts[webHost], "hubs/analysis"), options => options.Cookies = cookies)
            .Build();
        await hub.StartAsync();
        return hub;
    }

    private void PrepareSlides()
    {
        Directory.CreateDirectory(SlideDirectory);
        var sample = TestPaths.SampleSlide("CMU-1-Small-Region.svs");
        foreach (var copy in SlideCopies)
        {
            File.Copy(sample, Path.Combine(SlideDirectory, copy + ".svs"));
        }

        // A good slide at first, so that ingest accepts it; BreakSlide spoils it later.
        File.Copy(sample, Path.Combine(SlideDirectory, BrokenSlide + ".svs"));
    }

    /// <summary>
    /// Overwrites the broken slide with zeros in place. The folder does not change, so the web hosts keep it in
    /// their catalogues, while every attempt to analyse it fails.
    /// </summary>
    public void BreakSlide()
    {
        using var file = new FileStream(Path.Combine(SlideDirectory, BrokenSlide + ".svs"), FileMode.Open, FileAccess.Write);
        file.Write(new byte[file.Length]);
    }

    private async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(ScaleOutServers.PostgreSql + ";Database=postgres");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private Dictionary<string, string> SharedSettings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Storage__DataDirectory"] = DataDirectory,
        ["Analysis__ModelDirectory"] = TestPaths.ModelDirectory,
        ["Analysis__Device"] = "Cpu",
        ["Messaging__Transport"] = "RabbitMQ",
        ["Messaging__RabbitMqHost"] = ScaleOutServers.RabbitMqHost,
    };

    private async Task<(HostProcess Host, Uri Address)> StartWebHostAsync(int index)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var settings = SharedSettings();
        settings["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        settings["Slides__Folders__0"] = SlideDirectory;
        settings["Identity__SeedDemoAccounts"] = index == 0 ? "true" : "false";
        settings["Identity__SignInAttemptsPerWindow"] = "100000";
        settings["Database__Provider"] = "PostgreSQL";
        settings["Database__ConnectionString"] = DatabaseConnectionString;
        settings["SignalR__RedisConnectionString"] = ScaleOutServers.Redis;
        settings["OpenIdConnect__Clients__0__ClientId"] = WorkerClientId;
        settings["OpenIdConnect__Clients__0__Type"] = "Confidential";
        settings["OpenIdConnect__Clients__0__ClientSecret"] = _workerSecret;
        settings["OpenIdConnect__Clients__0__GrantTypes__0"] = "client_credentials";
        settings["OpenIdConnect__Clients__0__Roles__0"] = "AnalysisWorker";
        var host = new HostProcess($"web host {index + 1}", "BladderLnAi.Web", settings);
        host.Start();
        await WaitUntilServingAsync(host, address);
        return (host, address);
    }

    private async Task<HostProcess> StartWorkerAsync(int index)
    {
        var settings = SharedSettings();

        // Each worker reports to a different web host, as behind a load balancer.
        settings["Worker__WebHostUrl"] = WebHosts[index % WebHosts.Count].ToString();
        settings["Worker__ClientId"] = WorkerClientId;
        settings["Worker__ClientSecret"] = _workerSecret;
        settings["Worker__Name"] = $"worker-{index + 1}";
        settings["Worker__Attempts"] = "2";
        settings["Worker__RetryDelaySeconds"] = "1";
        var worker = new HostProcess($"worker {index + 1}", "BladderLnAi.Worker", settings);
        worker.Start();
        await worker.WaitForLogAsync("Bus started", StartTimeout);
        return worker;
    }

    private static async Task WaitUntilServingAsync(HostProcess host, Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"{host.Name} exited:\n{host.Log}");
            }

            try
            {
                using var response = await client.GetAsync("health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{host.Name} did not answer on {address} within {StartTimeout.TotalSeconds} s:\n{host.Log}");
    }

    private string DemoPassword(string userName)
    {
        var match = Regex.Match(_webHosts[0].Log, $@"Created demo account {Regex.Escape(userName)} \(.*?\) with password (\S+);");
        return match.Success
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"Web host 1 logged no password for {userName}:\n{_webHosts[0].Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutCluster>
{
    public const string Name = "Scale-out cluster";
}
