using BladderLnAi.Analysis;
using BladderLnAi.Inference;
using BladderLnAi.Jobs.Messaging;
using BladderLnAi.Jobs.Running;
using MassTransit;

namespace BladderLnAi.Worker;

/// <summary>Service registrations of the analysis worker.</summary>
public static class WorkerHosting
{
    /// <summary>
    /// Returns the folder with <c>appsettings.json</c>, searched upwards from the current and the application
    /// folder, so that the worker reads the same file as the web host.
    /// </summary>
    public static string FindContentRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "appsettings.json")))
                {
                    return directory.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }

    /// <summary>Registers the job runner, the web host client and the RabbitMQ consumers.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid.</exception>
    public static HostApplicationBuilder AddAnalysisWorker(this HostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var root = builder.Environment.ContentRootPath;
        var messaging = configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new();
        var worker = configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new();
        var analysis = configuration.GetSection("Analysis:Method").Get<AnalysisOptions>() ?? new();
        messaging.Validate();
        worker.Validate();
        analysis.Validate();
        if (!messaging.UsesRabbitMq)
        {
            throw new InvalidOperationException(
                $"Messaging:Transport is '{messaging.Transport}', but an analysis worker takes its jobs from RabbitMQ. "
                + "Set Messaging:Transport to RabbitMQ on the worker and on the web hosts.");
        }

        var dataDirectory = Path.GetFullPath(Path.Combine(root, configuration["Storage:DataDirectory"] ?? "data"));
        var modelDirectory = Path.GetFullPath(Path.Combine(root, configuration["Analysis:ModelDirectory"] ?? "models/hrnet_w18"));
        var device = configuration.GetValue("Analysis:Device", ExecutionDevice.Auto);
        var storage = new WorkerStorage(Path.Combine(dataDirectory, "analyses"));
        Directory.CreateDirectory(storage.AnalysesDirectory);

        var services = builder.Services;
        services.AddSingleton(worker);
        services.AddSingleton(analysis);
        services.AddSingleton(storage);
        services.AddSingleton(new ModelLocation(modelDirectory, device));
        services.AddSingleton<SegmentationModelProvider>();
        services.AddSingleton<AnalysisJobRunner>();
        services.AddSingleton<RunningJobs>();
        services.AddTransient<ClientCredentialsHandler>();
        services.AddHttpClient<WebHostJobsClient>(client => client.BaseAddress = new Uri(worker.WebHostUrl))
            .AddHttpMessageHandler<ClientCredentialsHandler>();
        services.AddOptions<MassTransitHostOptions>().Configure(options => options.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<AnalyzeSlideConsumer>();
            bus.AddConsumer<CancelAnalysisConsumer>();
            bus.UsingRabbitMq((context, configurator) =>
            {
                RabbitMqBus.ConfigureHost(configurator, messaging);
                configurator.ReceiveEndpoint(QueueNames.AnalyzeSlide, endpoint =>
                {
                    // The broker hands this worker no more requests than it runs, so the others take the rest.
                    endpoint.PrefetchCount = worker.JobsPerDevice;
                    endpoint.ConcurrentMessageLimit = worker.JobsPerDevice;
                    endpoint.UseMessageRetry(retry =>
                        retry.Interval(worker.Attempts - 1, TimeSpan.FromSeconds(worker.RetryDelaySeconds)));
                    endpoint.ConfigureConsumer<AnalyzeSlideConsumer>(context);
                });

                // A queue of this worker alone, so that every worker hears every cancellation.
                configurator.ReceiveEndpoint(endpoint => endpoint.ConfigureConsumer<CancelAnalysisConsumer>(context));
            });
        });
        return builder;
    }
}
