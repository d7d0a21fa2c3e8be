using System.Globalization;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>One table row: the same pass at the same number of clients on both servers.</summary>
public sealed record TileReportRow(string Pass, int Clients, PassResult Ours, PassResult Reference)
{
    public double ThroughputRatio => Ours.TilesPerSecond / Reference.TilesPerSecond;

    public double P95Ratio => Ours.P95 / Reference.P95;
}

/// <summary>Prints the tile benchmark's progress lines and its final Markdown table.</summary>
public static class TileReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintMachine() => Console.WriteLine($"Machine: {MachineInfo.Describe()}");

    public static void PrintSlides(IReadOnlyList<SlidePyramid> slides)
    {
        foreach (var slide in slides)
        {
            Console.WriteLine(string.Create(
                Invariant,
                $"Slide {slide.FileName}: {slide.Layout.Width} x {slide.Layout.Height}, {slide.Layout.LevelCount} levels, {slide.TileCount} tiles"));
        }
    }

    /// <summary>Prints one pass as soon as both servers finished it, and returns it as a table row.</summary>
    public static TileReportRow Print(string pass, int clients, PassResult ours, PassResult reference)
    {
        var row = new TileReportRow(pass, clients, ours, reference);
        Console.WriteLine(string.Create(
            Invariant,
            $"{pass} {clients,2} clients: BladderLnAi {ours.TilesPerSecond:F1} tiles/s, p95 {ours.P95:F1} ms, "
            + $"{ours.ProcessorMillisecondsPerTile:F2} CPU ms/tile; reference {reference.TilesPerSecond:F1} tiles/s, "
            + $"p95 {reference.P95:F1} ms, {reference.ProcessorMillisecondsPerTile:F2} CPU ms/tile; load {MachineInfo.ReadLoadAverage()}"));
        foreach (var (name, result) in new[] { ("BladderLnAi", ours), ("reference", reference) })
        {
            if (result.Failed > 0)
            {
                Console.WriteLine($"  {name}: {result.Failed} requests failed, first: {result.FirstFailure}");
            }

            if (result.CutShort)
            {
                Console.WriteLine($"  {name}: the pass reached its time limit after {result.Completed} tiles");
            }
        }

        return row;
    }

    /// <summary>Prints the table, the peak resident set and, as the last line, the summary of the ratios.</summary>
    public static void PrintTable(IReadOnlyList<TileReportRow> rows, long? peakResidentBytes, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine("| pass | clients | tiles/s ours | tiles/s ref | throughput ours/ref | p50 ms ours | p50 ms ref | "
            + "p95 ms ours | p95 ms ref | p95 ours/ref | bytes/tile ours | bytes/tile ref | CPU ms/tile ours | CPU ms/tile ref |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            var (ours, reference) = (row.Ours, row.Reference);
            Console.WriteLine(string.Create(
                Invariant,
                $"| {row.Pass}{Mark(row)} | {row.Clients} | {ours.TilesPerSecond:F1} | {reference.TilesPerSecond:F1} | "
                + $"x{row.ThroughputRatio:F2} | {ours.P50:F1} | {reference.P50:F1} | {ours.P95:F1} | {reference.P95:F1} | "
                + $"x{row.P95Ratio:F2} | {ours.BytesPerTile:F0} | {reference.BytesPerTile:F0} | "
                + $"{ours.ProcessorMillisecondsPerTile:F2} | {reference.ProcessorMillisecondsPerTile:F2} |"));
        }

        if (rows.Any(row => row.Ours.CutShort || row.Reference.CutShort))
        {
            Console.WriteLine("* a server reached the pass's time limit, so the row covers only the tiles served by then");
        }

        Console.WriteLine();
        Console.WriteLine($"Machine after the run: {MachineInfo.Describe()}; run time {elapsed.TotalMinutes:F1} min");
        if (peakResidentBytes is { } peak)
        {
            var clients = TileBenchmarkOptions.ClientCounts[^1];
            Console.WriteLine(string.Create(
                Invariant,
                $"Peak resident set of the BladderLnAi web host at {clients} clients: {peak / (1024.0 * 1024.0):F0} MiB"));
        }

        Console.WriteLine(Summary(rows));
    }

    /// <summary>Returns a line such as "cold 8 clients: throughput x3.4, p95 x0.41; warm 8 clients: throughput x12.0".</summary>
    private static string Summary(IReadOnlyList<TileReportRow> rows)
    {
        const int Clients = 8;
        var cold = rows.FirstOrDefault(row => row.Pass == "cold" && row.Clients == Clients);
        var warm = rows.FirstOrDefault(row => row.Pass == "warm" && row.Clients == Clients);
        if (cold is null || warm is null)
        {
            return $"No summary: the {Clients}-client passes did not run.";
        }

        return string.Create(
            Invariant,
            $"cold {Clients} clients: throughput x{cold.ThroughputRatio:F1}, p95 x{cold.P95Ratio:F2}; "
            + $"warm {Clients} clients: throughput x{warm.ThroughputRatio:F1}");
    }

    private static string Mark(TileReportRow row) => row.Ours.CutShort || row.Reference.CutShort ? "*" : "";
}
