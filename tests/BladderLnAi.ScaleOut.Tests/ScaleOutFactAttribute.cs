using System.Net.Sockets;

namespace BladderLnAi.ScaleOut.Tests;

/// <summary>
/// A test that needs RabbitMQ, Redis and PostgreSQL on their standard loopback ports. It is skipped, with the
/// reason, when one of them is not listening, so the normal test run stays green without the servers.
/// </summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        var missing = ScaleOutServers.Missing();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} not listening on 127.0.0.1; "
                + "scripts/scaleout-test.sh starts the servers and runs these tests.";
        }
    }
}

/// <summary>Where the tests find the servers that scripts/scaleout-test.sh starts.</summary>
public static class ScaleOutServers
{
    public const string RabbitMqHost = "rabbitmq://127.0.0.1:5672/";

    public const string Redis = "127.0.0.1:6379";

    /// <summary>Connection string of a PostgreSQL role that may create databases, without a database name.</summary>
    public static string PostgreSql =>
        Environment.GetEnvironmentVariable("BLADDERLN_SCALEOUT_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres";

    private static readonly Lazy<List<string>> MissingServers = new(() =>
    {
        var missing = new List<string>();
        foreach (var (name, port) in new[] { ("RabbitMQ (5672)", 5672), ("Redis (6379)", 6379), ("PostgreSQL (5432)", 5432) })
        {
            if (!IsListening(port))
            {
                missing.Add(name);
            }
        }

        return missing;
    });

    public static IReadOnlyList<string> Missing() => MissingServers.Value;

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
