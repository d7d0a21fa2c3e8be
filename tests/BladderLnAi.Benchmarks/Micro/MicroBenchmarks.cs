using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BladderLnAi.Benchmarks.Micro;

/// <summary>Runs the BenchmarkDotNet benchmarks of this assembly in this process, pinned to one core.</summary>
public static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        // One core, so that the figures hold for a single request or a single field whatever the machine.
        // Parallel loops inside the measured code then run on that core too.
        if (OperatingSystem.IsLinux())
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            process.ProcessorAffinity = 1;
        }

        Console.WriteLine($"Machine: {MachineInfo.Describe()}; benchmarks pinned to one core");

        // In-process, because a separately generated benchmark project would need this repository's central package
        // versions and runtime identifier. The short job keeps a full run within minutes on a shared machine.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10);
        var config = DefaultConfig.Instance
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args, config);
        return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
    }
}
