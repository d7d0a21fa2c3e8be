using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using BladderLnAi.Tests;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Runs the built web host as a real process on a free loopback port, with its own data folder, the real sample
/// slides and the bundled model.
/// </summary>
public sealed class WebHostProcess : IAsyncLifetime
{
    private readonly StringBuilder _log = new();
    private readonly IReadOnlyList<string> _extraSlideFolders;
    private Process? _process;

    public WebHostProcess()
        : this([])
    {
    }

    /// <summary>Creates a host that also serves <paramref name="extraSlideFolders"/>, which the demo site then owns.</summary>
    internal WebHostProcess(IReadOnlyList<string> extraSlideFolders)
    {
        _extraSlideFolders = extraSlideFolders;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string DataDirectory { get; } = TestPaths.NewTempDirectory("browser");

    /// <summary>Everything the host wrote to standard output and error, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Returns the password of a demo account, read from the one log line that shows it.</summary>
    public string DemoPassword(string userName)
    {
        var match = Regex.Match(Log, $@"Created demo account {Regex.Escape(userName)} \(.*?\) with password (\S+);");
        return match.Success
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"The host logged no password for demo account {userName}:\n{Log}");
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [WebHostAssembly()])
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = DataDirectory;
        start.Environment["Slides__Folders__0"] = TestPaths.SampleSlides;
        for (var i = 0; i < _extraSlideFolders.Count; i++)
        {
            start.Environment[$"Slides__Folders__{i + 1}"] = _extraSlideFolders[i];
        }

        start.Environment["Analysis__ModelDirectory"] = TestPaths.ModelDirectory;
        start.Environment["Analysis__Device"] = "Cpu";
        start.Environment["Identity__SeedDemoAccounts"] = "true";
        _process = Process.Start(start) ?? throw new InvalidOperationException("The web host process did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The web host exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                var response = await client.GetAsync("health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but too busy to answer within the request timeout (several hosts start at once on a
                // loaded machine); the overall deadline still applies.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The web host did not answer on {BaseAddress} within 90 s:\n{Log}");
    }

    /// <summary>Returns the web host assembly built in the same configuration as these tests.</summary>
    private static string WebHostAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}")
            ? "Release"
            : "Debug";
        var path = Path.Combine(
            TestPaths.RepositoryRoot, "src", "BladderLnAi.Web", "bin", configuration, "net10.0", "linux-x64", "BladderLnAi.Web.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build the web host first: '{path}' is missing.", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
