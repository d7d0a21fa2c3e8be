using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>
/// Serves the same slides from BladderLnAi and from the reference server and drives both with the same requests:
/// a cold pass over every tile right after a restart, and a warm pass that replays seeded viewing sessions.
/// </summary>
public static class TileBenchmark
{
    public static async Task<int> RunAsync(TileBenchmarkOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        ReferenceServer.InstallPackages();
        TileReport.PrintMachine();
        var rows = new List<TileReportRow>();
        long? peakResidentBytes = null;
        IReadOnlyList<SlidePyramid>? slides = null;
        foreach (var clients in TileBenchmarkOptions.ClientCounts)
        {
            // Both servers restart before every cold pass, so that no tile, slide handle or OpenSlide cache is warm.
            await using var ourServer = new BladderLnAiServer(options.SlideFolders);
            await using var referenceServer = new ReferenceServer(options.SlideFolders);
            var ours = await ServerSession.StartAsync(ourServer);
            var reference = await ServerSession.StartAsync(referenceServer);
            slides ??= await DescribeSlidesAsync(ours, reference, options);
            if (clients == TileBenchmarkOptions.ClientCounts[0])
            {
                TileReport.PrintSlides(slides);
            }

            var measureMemory = clients == TileBenchmarkOptions.ClientCounts[^1];
            var cold = RequestPlans.WholePyramids(slides);
            var coldOurs = await MeasureAsync(ours, measureMemory, () => LoadDriver.RunSharedAsync(ours, cold, clients, options.PassTimeLimit));
            var coldReference = await MeasureAsync(reference, false, () => LoadDriver.RunSharedAsync(reference, cold, clients, options.PassTimeLimit));
            rows.Add(TileReport.Print("cold", clients, coldOurs.Result, coldReference.Result));

            // The first replay of the sessions fills the caches, and only the second one is measured.
            var sessions = RequestPlans.ViewingSessions(slides, clients, options.SessionSteps, options.MaxWarmRequests);
            await LoadDriver.RunPerClientAsync(ours, sessions, options.PassTimeLimit);
            var warmOurs = await MeasureAsync(ours, measureMemory, () => LoadDriver.RunPerClientAsync(ours, sessions, options.PassTimeLimit));
            await LoadDriver.RunPerClientAsync(reference, sessions, options.PassTimeLimit);
            var warmReference = await MeasureAsync(reference, false, () => LoadDriver.RunPerClientAsync(reference, sessions, options.PassTimeLimit));
            rows.Add(TileReport.Print("warm", clients, warmOurs.Result, warmReference.Result));

            if (measureMemory)
            {
                peakResidentBytes = Math.Max(coldOurs.PeakResidentBytes ?? 0, warmOurs.PeakResidentBytes ?? 0);
            }
        }

        TileReport.PrintTable(rows, peakResidentBytes, Stopwatch.GetElapsedTime(started));
        return rows.Any(row => row.Ours.Failed > 0 || row.Reference.Failed > 0) ? 1 : 0;
    }

    /// <summary>Runs one pass, sampling the server's resident set meanwhile when asked to.</summary>
    private static async Task<(PassResult Result, long? PeakResidentBytes)> MeasureAsync(
        ServerSession server,
        bool sampleMemory,
        Func<Task<PassResult>> pass)
    {
        var processorBefore = server.Server.ReadProcessorTime();
        if (!sampleMemory)
        {
            return (WithProcessorTime(await pass(), server, processorBefore), null);
        }

        await using var sampler = new ResidentSetSampler(server.Server);
        var result = await pass();
        return (WithProcessorTime(result, server, processorBefore), sampler.PeakBytes);
    }

    private static PassResult WithProcessorTime(PassResult result, ServerSession server, TimeSpan? before)
    {
        var after = server.Server.ReadProcessorTime();
        return result with { ServerProcessorTime = after - before };
    }

    /// <summary>
    /// Lists the slides BladderLnAi serves, keeps the requested ones, and checks that the reference server describes
    /// the same pyramid for each.
    /// </summary>
    /// <exception cref="InvalidOperationException">A slide is missing or the two pyramids differ.</exception>
    private static async Task<IReadOnlyList<SlidePyramid>> DescribeSlidesAsync(
        ServerSession ours,
        ServerSession reference,
        TileBenchmarkOptions options)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false };
        using var ourHttp = ours.CreateClient(handler);
        using var referenceHttp = reference.CreateClient(handler);
        var listed = await ourHttp.GetFromJsonAsync<List<ListedSlide>>("api/slides")
            ?? throw new InvalidOperationException("BladderLnAi returned no slide list.");
        var chosen = options.SlideFileNames.Count == 0
            ? listed
            : options.SlideFileNames.Select(name => listed.FirstOrDefault(slide => slide.FileName == name)
                ?? throw new InvalidOperationException(
                    $"BladderLnAi does not serve slide '{name}'. Check that it is in {string.Join(", ", options.SlideFolders)}."))
                .ToList();
        if (chosen.Count == 0)
        {
            throw new InvalidOperationException($"No slides found in {string.Join(", ", options.SlideFolders)}.");
        }

        var slides = new List<SlidePyramid>();
        foreach (var slide in chosen)
        {
            var ourLayout = SlidePyramid.ParseDescriptor(
                await ourHttp.GetStringAsync($"dzi/{slide.Id}.dzi"), ours.Server.Name);
            var referenceLayout = SlidePyramid.ParseDescriptor(
                await referenceHttp.GetStringAsync($"dzi/{slide.Id}.dzi"), reference.Server.Name);
            if ((ourLayout.Width, ourLayout.Height, ourLayout.TileSize, ourLayout.Overlap)
                != (referenceLayout.Width, referenceLayout.Height, referenceLayout.TileSize, referenceLayout.Overlap))
            {
                throw new InvalidOperationException(
                    $"Slide '{slide.FileName}': BladderLnAi serves {ourLayout.Width} x {ourLayout.Height} in {ourLayout.TileSize}-pixel "
                    + $"tiles with overlap {ourLayout.Overlap}, but the reference serves {referenceLayout.Width} x {referenceLayout.Height} "
                    + $"in {referenceLayout.TileSize}-pixel tiles with overlap {referenceLayout.Overlap}.");
            }

            slides.Add(new SlidePyramid(slide.Id, slide.FileName, ourLayout));
        }

        return slides;
    }

    private sealed record ListedSlide(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("fileName")] string FileName);
}
