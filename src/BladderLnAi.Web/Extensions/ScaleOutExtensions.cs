using BladderLnAi.Jobs.Messages;
using BladderLnAi.Jobs.Messaging;
using BladderLnAi.Jobs.Running;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Analysis.Dispatch;
using BladderLnAi.Web.Analysis.Workers;
using MassTransit;
using StackExchange.Redis;

namespace BladderLnAi.Web.Extensions;

/// <summary>
/// The parts that let several web hosts and analysis workers share the work: the job dispatch (in process or
/// through RabbitMQ) and the SignalR backplane (Redis). Each is off until configured.
/// </summary>
public static class ScaleOutExtensions
{
    /// <summary>Settings of the SignalR Redis backplane (configuration section <c>SignalR</c>).</summary>
    public const string RedisSetting = "SignalR:RedisConnectionString";

    /// <summary>
    /// Registers the job runner and either the host's own <see cref="AnalysisWorker"/> (the default) or the
    /// RabbitMQ bus through which workers take jobs and every host hears job events.
    /// </summary>
    public static WebApplicationBuilder AddAnalysisDispatch(this WebApplicationBuilder builder)
    {
        var messaging = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new();
        messaging.Validate();
        var services = builder.Services;
        services.AddSingleton(messaging);
        services.AddSingleton<AnalysisJobRunner>();
        if (!messaging.UsesRabbitMq)
        {
            services.AddSingleton<InProcessAnalysisDispatcher>();
            services.AddSingleton<IAnalysisDispatcher>(provider => provider.GetRequiredService<InProcessAnalysisDispatcher>());
            services.AddHostedService<AnalysisWorker>();
            return builder;
        }

        services.AddSingleton<IAnalysisDispatcher, BusAnalysisDispatcher>();
        services.AddOptions<MassTransitHostOptions>().Configure(options => options.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<JobEventHubRelay>();
            bus.AddConsumer<JobEventCircuitRelay>();
            bus.AddConsumer<AnalysisFaultConsumer>();
            bus.UsingRabbitMq((context, configurator) =>
            {
                RabbitMqBus.ConfigureHost(configurator, messaging);
                configurator.ReceiveEndpoint(QueueNames.AnalysisEvents, endpoint =>
                    endpoint.ConfigureConsumer<JobEventHubRelay>(context));
                configurator.ReceiveEndpoint(QueueNames.AnalysisFaults, endpoint =>
                    endpoint.ConfigureConsumer<AnalysisFaultConsumer>(context));

                // A queue of this host alone, deleted when it stops, so that every host hears every event.
                configurator.ReceiveEndpoint(endpoint => endpoint.ConfigureConsumer<JobEventCircuitRelay>(context));
            });
        });
        return builder;
    }

    /// <summary>Registers SignalR, with the Redis backplane when <c>SignalR:RedisConnectionString</c> is set.</summary>
    public static WebApplicationBuilder AddSignalRWithBackplane(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        var redis = builder.Configuration[RedisSetting];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, options =>
                options.Configuration.ChannelPrefix = RedisChannel.Literal("BladderLnAi"));
        }

        return builder;
    }
}
