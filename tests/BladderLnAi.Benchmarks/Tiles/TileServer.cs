using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>
/// A Deep Zoom server run as a child process on a free loopback port, its output written to a log file.
/// </summary>
public abstract class TileServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private Process? _process;

    protected TileServer(string name)
    {
        Name = name;
        LogPath = Path.Combine(Path.GetTempPath(), $"bladderln-bench-{name}-{Guid.NewGuid():N}.log");
    }

    /// <summary>Short name used in the table and in log file names.</summary>
    public string Name { get; }

    /// <summary>File that receives the server's standard output and error.</summary>
    public string LogPath { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Process id of the server itself (the shell that starts it replaces itself with the server).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"The {Name} server is not running.");

    /// <summary>Starts the server and waits until it responds to HTTP requests.</summary>
    /// <exception cref="InvalidOperationException">The server exited during start-up.</exception>
    /// <exception cref="TimeoutException">The server did not answer within two minutes.</exception>
    public async Task StartAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var server = CreateStartInfo(port);

        // The shell replaces itself with the server (exec), so the child's id is the server's and the kernel writes
        // the log, which keeps the benchmark process from reading every request line the server prints.
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = server.WorkingDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >\"$BENCHMARK_LOG\" 2>&1");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(server.FileName);
        foreach (var argument in server.ArgumentList)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in server.Environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["BENCHMARK_LOG"] = LogPath;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"The {Name} server process did not start.");
        await WaitUntilServingAsync();
    }

    /// <summary>Kills the server process, waits for it to exit and deletes its log.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
        File.Delete(LogPath);
        OnStopped();
    }

    /// <summary>Returns the server's resident set in bytes (VmRSS of /proc/PID/status), or null once it has exited.</summary>
    public long? ReadResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process exited between two samples.
        }

        return null;
    }

    /// <summary>
    /// Returns the processor time the server has used so far, user and system, from fields 14 and 15 of
    /// /proc/PID/stat, or null once it has exited. The fields count clock ticks of 1/100 s (USER_HZ on Linux x86-64).
    /// </summary>
    public TimeSpan? ReadProcessorTime()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{ProcessId}/stat");

            // The command name in field 2 is in parentheses and may contain spaces, so count fields after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Returns the last lines of the server log, for error messages.</summary>
    public string ReadLogTail(int lines = 40)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException exception)
        {
            return $"(log '{LogPath}' unreadable: {exception.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Signs in when the server requires it and returns the Cookie header value for later requests, or null.
    /// </summary>
    public virtual Task<string?> SignInAsync() => Task.FromResult<string?>(null);

    /// <summary>Creates the command, arguments, working folder and environment that start the server on a port.</summary>
    protected abstract ProcessStartInfo CreateStartInfo(int port);

    /// <summary>The path that returns 200 once the server serves requests.</summary>
    protected abstract string ReadinessPath { get; }

    /// <summary>Deletes what the server left behind, such as its data folder.</summary>
    protected virtual void OnStopped()
    {
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"The {Name} server exited with code {_process.ExitCode} during start-up:\n{ReadLogTail()}");
            }

            try
            {
                using var response = await client.GetAsync(ReadinessPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"The {Name} server did not respond on {BaseAddress} within {StartTimeout.TotalSeconds} s. Its log {LogPath} ends with:\n{ReadLogTail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
