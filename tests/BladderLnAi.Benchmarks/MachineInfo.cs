using System.Globalization;

namespace BladderLnAi.Benchmarks;

/// <summary>The machine a benchmark ran on: cores, CPU model and load, read from /proc.</summary>
public static class MachineInfo
{
    /// <summary>Returns one line such as "2 cores, AMD EPYC, load average 6.01 6.39 6.72 (1, 5, 15 min)".</summary>
    public static string Describe()
    {
        var model = ReadCpuModel() ?? "unknown CPU";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {model}, load average {ReadLoadAverage()} (1, 5, 15 min)");
    }

    /// <summary>Returns the 1-, 5- and 15-minute load averages from /proc/loadavg.</summary>
    public static string ReadLoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? ReadCpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
