using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Analysis.Workers;
using BladderLnAi.Web.Components;
using BladderLnAi.Web.Configuration;
using BladderLnAi.Web.Extensions;
using BladderLnAi.Web.Health;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Identity.OpenIdConnect;
using BladderLnAi.Web.Overlays;
using BladderLnAi.Web.Observability;
using BladderLnAi.Web.Review;
using BladderLnAi.Web.Slides;
using BladderLnAi.Web.Teaching;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRootLocator.Find(),
});

builder.AddBladderLnAiServices();
builder.AddCaseReview();
builder.AddTeaching();

var app = builder.Build();

await app.InitialiseDatabaseAsync();
app.UseBladderLnAiPipeline();
app.MapSlideEndpoints();
app.MapAnalysisEndpoints();
app.MapOverlayEndpoints();
app.MapWorkerJobEndpoints();
app.MapCaseEndpoints();
app.MapTeachingEndpoints();
app.MapAccountEndpoints();
app.MapOpenIdConnectEndpoints();
app.MapHealthEndpoints();
app.MapBladderLnAiMetrics();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, public for the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
