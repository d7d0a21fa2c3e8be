using System.Net;

namespace BladderLnAi.Web.Observability;

/// <summary>Who may scrape <c>/metrics</c> (configuration section <c>Observability</c>).</summary>
public sealed record MetricsOptions
{
    public const string SectionName = "Observability";

    /// <summary>
    /// Networks in CIDR notation (for example <c>10.20.0.0/16</c>, the Prometheus server's network) that may read
    /// <c>/metrics</c> besides loopback. Defaults to none, so only the machine itself can scrape.
    /// </summary>
    public string[] MetricsAllowedNetworks { get; init; } = [];

    /// <summary>Returns whether a client at <paramref name="address"/> may read the metrics.</summary>
    /// <exception cref="FormatException">A configured network is not valid CIDR notation.</exception>
    public bool AllowsScrapeFrom(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address)
            || MetricsAllowedNetworks.Any(network => IPNetwork.Parse(network).Contains(address));
    }
}
