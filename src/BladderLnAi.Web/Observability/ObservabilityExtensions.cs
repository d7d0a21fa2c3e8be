using BladderLnAi.Jobs.Running;
using BladderLnAi.Web.Health;
using OpenTelemetry.Metrics;

namespace BladderLnAi.Web.Observability;

public static class ObservabilityExtensions
{
    /// <summary>Path of the Prometheus scraping endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers the product's metrics with the OpenTelemetry SDK and the Prometheus exporter, and the health checks.</summary>
    public static WebApplicationBuilder AddBladderLnAiObservability(this WebApplicationBuilder builder)
    {
        var metrics = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new();

        // Fail at start, not at the first scrape, when a network is mistyped.
        _ = metrics.AllowsScrapeFrom(System.Net.IPAddress.None);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton<BladderLnAiMetrics>();
        builder.Services.AddSingleton(services => new InferenceClock(services.GetRequiredService<BladderLnAiMetrics>().RecordInference));
        builder.Services.AddOpenTelemetry().WithMetrics(meters => meters
            .AddMeter(BladderLnAiMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        builder.Services.AddBladderLnAiHealthChecks();
        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c> for clients on loopback or in <see cref="MetricsOptions.MetricsAllowedNetworks"/>; others get 403.
    /// </summary>
    public static IEndpointRouteBuilder MapBladderLnAiMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<MetricsOptions>();
        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .AllowAnonymous()
            .Add(endpoint =>
            {
                // The exporter's endpoint is a middleware pipeline, not a route handler, so endpoint filters do not
                // run on it. Wrapping its delegate puts the address check in front.
                var export = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    if (options.AllowsScrapeFrom(context.Connection.RemoteIpAddress))
                    {
                        return export(context);
                    }

                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        return app;
    }
}
