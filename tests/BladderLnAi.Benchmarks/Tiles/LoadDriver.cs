using System.Diagnostics;
using System.Net;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>
/// Sends tile requests from a fixed number of concurrent clients over keep-alive connections and measures each one.
/// </summary>
public static class LoadDriver
{
    /// <summary>Sends every path once, each client taking the next path from one shared list.</summary>
    public static Task<PassResult> RunSharedAsync(ServerSession server, IReadOnlyList<string> paths, int clients, TimeSpan limit)
    {
        var next = -1;
        return RunAsync(server, clients, limit, _ =>
        {
            var index = Interlocked.Increment(ref next);
            return index < paths.Count ? paths[index] : null;
        });
    }

    /// <summary>Sends each client's own list of paths in order.</summary>
    public static Task<PassResult> RunPerClientAsync(ServerSession server, IReadOnlyList<IReadOnlyList<string>> sessions, TimeSpan limit)
    {
        var positions = new int[sessions.Count];
        return RunAsync(server, sessions.Count, limit, client =>
        {
            var session = sessions[client];
            return positions[client] < session.Count ? session[positions[client]++] : null;
        });
    }

    private static async Task<PassResult> RunAsync(ServerSession server, int clients, TimeSpan limit, Func<int, string?> nextPath)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        using var http = server.CreateClient(handler);
        using var deadline = new CancellationTokenSource(limit);
        var outcomes = new ClientOutcome[clients];
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, clients)
            .Select(client => Task.Run(async () => outcomes[client] = await RunClientAsync(http, client, nextPath, deadline.Token)))
            .ToArray();
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = outcomes.SelectMany(outcome => outcome.Latencies).Order().ToArray();
        return new PassResult(
            latencies.Length,
            outcomes.Sum(outcome => outcome.Failed),
            elapsed,
            latencies,
            outcomes.Sum(outcome => outcome.Bytes),
            deadline.IsCancellationRequested,
            outcomes.Select(outcome => outcome.FirstFailure).FirstOrDefault(failure => failure is not null));
    }

    private static async Task<ClientOutcome> RunClientAsync(
        HttpClient http,
        int client,
        Func<int, string?> nextPath,
        CancellationToken deadline)
    {
        var outcome = new ClientOutcome();
        var buffer = new byte[64 * 1024];
        while (!deadline.IsCancellationRequested && nextPath(client) is { } path)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                long bytes = 0;
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    bytes += read;
                }

                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "image/jpeg")
                {
                    outcome.Fail($"{path}: HTTP {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
                    continue;
                }

                outcome.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                outcome.Bytes += bytes;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome.Fail($"{path}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        return outcome;
    }

    private sealed class ClientOutcome
    {
        public List<double> Latencies { get; } = [];

        public long Bytes { get; set; }

        public int Failed { get; private set; }

        public string? FirstFailure { get; private set; }

        public void Fail(string message)
        {
            Failed++;
            FirstFailure ??= message;
        }
    }
}
