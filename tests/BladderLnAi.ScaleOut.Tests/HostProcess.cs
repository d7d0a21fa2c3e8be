using System.Diagnostics;
using System.Text;
using BladderLnAi.Tests;

namespace BladderLnAi.ScaleOut.Tests;

/// <summary>A built web host or worker running as its own process, with its output kept for assertions.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly ProcessStartInfo _start;
    private Process? _process;

    public HostProcess(string name, string project, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _start = new ProcessStartInfo("dotnet", [Assembly(project)])
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _start.Environment["Logging__Console__FormatterName"] = "simple";
        _start.Environment["Logging__LogLevel__MassTransit"] = "Information";
        foreach (var (key, value) in environment)
        {
            _start.Environment[key] = value;
        }
    }

    public string Name { get; }

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>Everything the process wrote to standard output and error, for assertions and failure messages.</summary>
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

    public void Start()
    {
        _process = Process.Start(_start) ?? throw new InvalidOperationException($"{Name} did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until the log contains <paramref name="text"/>, failing when the process exits first.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited before logging '{text}':\n{Log}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not log '{text}' within {timeout.TotalSeconds} s:\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Ends the process at once with SIGKILL, as a crash or a power cut would, with no cleanup.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private static string Assembly(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}")
            ? "Release"
            : "Debug";
        var path = Path.Combine(
            TestPaths.RepositoryRoot, "src", project, "bin", configuration, "net10.0", "linux-x64", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build {project} first: '{path}' is missing.", path);
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
