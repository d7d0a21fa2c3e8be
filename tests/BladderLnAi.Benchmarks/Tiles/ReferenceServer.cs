using System.Diagnostics;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>
/// openslide-python's DeepZoomGenerator behind Flask's threaded server (Reference/deepzoom_reference_server.py),
/// run with Debian's Python so that Debian's python3-openslide and python3-flask are the ones imported.
/// </summary>
public sealed class ReferenceServer(IReadOnlyList<string> slideFolders) : TileServer("reference")
{
    private const string Python = "/usr/bin/python3";

    protected override string ReadinessPath => "api/slides";

    /// <summary>Installs python3-openslide and python3-flask with apt-get when they are missing.</summary>
    /// <exception cref="InvalidOperationException">The install script failed.</exception>
    public static void InstallPackages()
    {
        var script = Path.Combine(BenchmarkPaths.ReferenceDirectory, "install-reference.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"'{script}' did not start.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{script}' exited with code {process.ExitCode}. Install python3-openslide and python3-flask with apt-get.");
        }
    }

    protected override ProcessStartInfo CreateStartInfo(int port)
    {
        var start = new ProcessStartInfo(Python) { WorkingDirectory = BenchmarkPaths.ReferenceDirectory };
        start.ArgumentList.Add(Path.Combine(BenchmarkPaths.ReferenceDirectory, "deepzoom_reference_server.py"));
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var folder in slideFolders)
        {
            start.ArgumentList.Add(folder);
        }

        return start;
    }
}
