using System.Diagnostics;

namespace BladderLnAi.Training.Tests.Datasets;

/// <summary>
/// A fact that is skipped, with the reason, when <see cref="TrainingPython.Executable"/> cannot import torch and onnx.
/// </summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (TrainingPython.MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Runs the training scripts with Debian's Python, which has torch 1.13 and onnx 1.12.</summary>
public static class TrainingPython
{
    public const string Executable = "/usr/bin/python3";

    /// <summary>Null when torch and onnx import, else why the training tests cannot run.</summary>
    public static readonly Lazy<string?> MissingReason = new(FindMissingReason);

    /// <summary>
    /// Runs a script under <c>src/training</c> at lower priority and returns its exit code and combined output.
    /// </summary>
    /// <exception cref="TimeoutException">The script ran longer than <paramref name="timeout"/> and was killed.</exception>
    public static (int ExitCode, string Output) RunScript(string repositoryRoot, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("nice")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add("10");
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Run(start, timeout);
    }

    private static string? FindMissingReason()
    {
        if (!File.Exists(Executable))
        {
            return $"{Executable} was not found; the training tests need Debian's python3 with python3-torch and python3-onnx.";
        }

        var start = new ProcessStartInfo(Executable, ["-c", "import torch, onnx, PIL"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var (exitCode, output) = Run(start, TimeSpan.FromMinutes(2));
        return exitCode == 0
            ? null
            : $"{Executable} cannot import torch, onnx and PIL (install python3-torch, python3-onnx, python3-pil): {output.Trim()}";
    }

    private static (int ExitCode, string Output) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Failed to start {start.FileName}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} timed out after {timeout}.");
        }

        process.WaitForExit();
        return (process.ExitCode, standardOutput.Result + standardError.Result);
    }
}
