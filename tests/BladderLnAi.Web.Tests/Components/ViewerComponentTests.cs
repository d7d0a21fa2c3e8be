using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Components.Pages.Viewer;
using Bunit;
using MudBlazor.Services;

namespace BladderLnAi.Web.Tests.Components;

[Trait("Category", "Components")]
public sealed class ViewerComponentTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public ViewerComponentTests()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor services are only asynchronously disposable, so the context must be disposed asynchronously.
    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void ProgressPanel_RunningJob_ShowsStageFieldsAndTimeLeft()
    {
        var job = Event("progress", "Running", stage: "ResampledPass", done: 2, total: 8, eta: 12.2);

        var panel = _context.Render<AnalysisProgressPanel>(parameters => parameters.Add(p => p.Job, job));

        var stage = panel.Find("[data-testid=analysis-stage]").TextContent;
        Assert.Contains("Resampled pass", stage);
        Assert.Contains("field 2 of 8", stage);
        Assert.Contains("about 13 s left", stage);
    }

    [Fact]
    public void ProgressPanel_FailedJob_ShowsTheError()
    {
        var job = Event("failed", "Failed", message: "Slide 'x.svs' could not be read.");

        var panel = _context.Render<AnalysisProgressPanel>(parameters => parameters.Add(p => p.Job, job));

        Assert.Contains("Slide 'x.svs' could not be read.", panel.Markup);
        Assert.Equal("Failed", panel.Find("[data-testid=analysis-progress]").GetAttribute("data-status"));
    }

    [Fact]
    public void ProgressPanel_CompletedWithoutFields_SaysNothingWasAnalysed()
    {
        var job = Event("completed", "Completed", done: 0, total: 0);

        var panel = _context.Render<AnalysisProgressPanel>(parameters => parameters.Add(p => p.Job, job));

        Assert.Contains("no tissue found, nothing analysed", panel.Markup);
        Assert.DoesNotContain("findings", panel.Markup);
    }

    [Theory]
    [InlineData("Failed", true)]
    [InlineData("Cancelled", true)]
    [InlineData("Interrupted", true)]
    [InlineData("Completed", false)]
    public void Controls_FinishedJob_OffersRetryOnlyAfterFailure(string status, bool retryExpected)
    {
        var controls = _context.Render<AnalysisControls>(parameters => parameters.Add(p => p.Job, Event("current", status)));

        Assert.Equal(retryExpected, controls.FindAll("[data-testid=retry-analysis]").Count == 1);
        Assert.Single(controls.FindAll("[data-testid=start-analysis]"));
        Assert.Empty(controls.FindAll("[data-testid=cancel-analysis]"));
    }

    [Fact]
    public void Controls_RunningJob_OffersCancelOnly()
    {
        var cancelled = false;
        var controls = _context.Render<AnalysisControls>(parameters => parameters
            .Add(p => p.Job, Event("progress", "Running"))
            .Add(p => p.OnCancel, () => cancelled = true));

        controls.Find("[data-testid=cancel-analysis]").Click();

        Assert.True(cancelled);
        Assert.Empty(controls.FindAll("[data-testid=start-analysis]"));
    }

    private static AnalysisJobEvent Event(
        string type,
        string status,
        string? stage = null,
        int done = 0,
        int total = 0,
        double? eta = null,
        string? message = null) =>
        new(type, Guid.NewGuid(), "slide", status, stage, done, total, eta, null, null, message);
}
