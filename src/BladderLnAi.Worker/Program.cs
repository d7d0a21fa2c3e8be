using BladderLnAi.Worker;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = WorkerHosting.FindContentRoot(),
});

builder.AddAnalysisWorker();
await builder.Build().RunAsync();
