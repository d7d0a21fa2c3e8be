using BladderLnAi.Analysis.Output;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Inference;
using BladderLnAi.Jobs.Running;
using BladderLnAi.Slides;
using System.Security.Claims;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Audit;
using BladderLnAi.Web.Overlays;
using BladderLnAi.Web.Sites;
using Microsoft.AspNetCore.Components.Authorization;
using BladderLnAi.Web.Slides;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BladderLnAi.Web.Components.Pages.Viewer;

/// <summary>
/// The slide viewer: deep-zoom slide, analysis controls with live progress, heatmap and findings, and the
/// composite patch of the selected field side by side with the slide.
/// </summary>
public sealed partial class SlideViewerPage
{
    private const string ViewerElementId = "slide-viewer";
    private const string CompositeCanvasId = "composite-canvas";

    private SlideEntry? _entry;
    private ClaimsPrincipal _user = new();
    private int? _siteId;
    private bool _isSiteMember;
    private SlideInfo? _info;
    private string? _error;
    private ModelManifest? _model;
    private AnalysisJobEvent? _job;
    private AnalysisResults? _results;
    private FieldDocument? _selectedField;
    private double _heatmapOpacity = 0.6;
    private bool _showCompositeHeatmap = true;
    private bool _busy;
    private bool _viewerCreated;
    private bool _resultsPending;
    private SlideViewerInterop? _viewer;

    [Parameter]
    public required string SlideId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private SlideService Slides { get; set; } = default!;

    [Inject]
    private SlideAccess Access { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private AnalysisJobService Jobs { get; set; } = default!;

    [Inject]
    private AnalysisResultStore Store { get; set; } = default!;

    [Inject]
    private AnalysisEventPublisher Events { get; set; } = default!;

    [Inject]
    private SegmentationModelProvider Models { get; set; } = default!;

    [Inject]
    private ViewerOptions ViewerSettings { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<SlideViewerPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication).User;
        if (!Slides.TryGet(SlideId, out var entry) || !await Access.CanViewAsync(_user, entry))
        {
            _error = $"Slide '{SlideId}' was not found in the slide folders.";
            return;
        }

        _entry = entry;
        _siteId = await Access.SiteOfAsync(entry);
        _isSiteMember = _siteId is { } siteId && (await Access.SitesOfAsync(_user)).Contains(siteId);
        if (RendererInfo.IsInteractive)
        {
            // The page first renders on the server before the circuit starts; only the interactive render is a view.
            await Audit.WriteAsync(_user, "slide.viewed", "slide", entry.Id, _siteId);
        }
        try
        {
            _info = SlideInfo.From(entry, Slides.Open(entry));
        }
        catch (SlideException ex)
        {
            _error = ex.Message;
            return;
        }

        _model = Models.TryReadManifest();
        var latest = await Jobs.GetLatestAsync(SlideId, CancellationToken.None);
        _job = latest is null ? null : AnalysisJobEvent.From("current", latest);
        LoadResults(latest is { Status: AnalysisJobStatus.Completed } ? latest : await Jobs.GetLatestCompletedAsync(SlideId, CancellationToken.None));
        Events.Published += OnJobEvent;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_info is null)
        {
            return;
        }

        if (!_viewerCreated)
        {
            _viewerCreated = true;
            _viewer = new SlideViewerInterop(JS);
            _viewer.FieldSelected += index => InvokeAsync(() => SelectFieldAsync(index));
            await _viewer.CreateAsync(ViewerElementId, _info.Id, _info.Width, _info.MicronsPerPixel);
        }

        if (_resultsPending && _viewer is not null)
        {
            _resultsPending = false;
            await ShowResultsAsync();
        }
    }

    private void LoadResults(AnalysisJob? job)
    {
        if (job is null)
        {
            return;
        }

        _results = Store.Load(job);
        _selectedField = _results?.Fields.FirstOrDefault(f => f.Resampled);
        _resultsPending = _results is not null;
    }

    private async Task ShowResultsAsync()
    {
        if (_results is null || _viewer is null)
        {
            return;
        }

        var jobId = _results.Job.Id;
        await _viewer.SetHeatmapOpacityAsync(_heatmapOpacity);
        await _viewer.SetFindingsSourceAsync(
            jobId, ViewerSettings.MaxFindingsPerRequest, ViewerSettings.ReviewBandLower, ViewerSettings.ReviewBandUpper);
        await _viewer.SetHeatmapAsync($"api/analyses/{jobId}/heatmap.dzi");
        await _viewer.SetFieldsAsync(_results.Fields.Where(f => f.Resampled));
        await ShowSelectedCompositeAsync();
    }

    private async Task ShowSelectedCompositeAsync()
    {
        if (_results is null || _viewer is null || _selectedField is not { Resampled: true } field)
        {
            return;
        }

        var grid = Store.LoadGrid(_results.Job, field);
        if (grid is null)
        {
            return;
        }

        await _viewer.ShowCompositeAsync(
            CompositeCanvasId,
            grid,
            FileUrl(field.Composite!),
            FileUrl(field.CompositeHeatmap!),
            _showCompositeHeatmap);
    }

    private string FileUrl(string relativePath) => $"api/analyses/{_results!.Job.Id}/files/{relativePath}";

    private async Task SelectFieldAsync(int index)
    {
        var field = _results?.Fields.FirstOrDefault(f => f.Index == index && f.Resampled);
        if (field is null)
        {
            return;
        }

        _selectedField = field;
        StateHasChanged();
        await ShowSelectedCompositeAsync();
    }

    private async Task OnOpacityChangedAsync(double opacity)
    {
        _heatmapOpacity = opacity;
        if (_viewer is not null)
        {
            await _viewer.SetHeatmapOpacityAsync(opacity);
        }
    }

    private async Task OnCompositeHeatmapChangedAsync(bool show)
    {
        _showCompositeHeatmap = show;
        if (_viewer is not null)
        {
            await _viewer.SetCompositeHeatmapAsync(show);
        }
    }

    private async Task ZoomToFindingAsync(FindingDocument finding)
    {
        if (_viewer is null)
        {
            return;
        }

        var xs = finding.Outline.Select(point => point[0]).ToList();
        var ys = finding.Outline.Select(point => point[1]).ToList();
        await _viewer.ZoomToAsync(xs.Min(), ys.Min(), xs.Max() - xs.Min(), ys.Max() - ys.Min());
    }

    private async Task AnalyseAsync()
    {
        _busy = true;
        try
        {
            var job = await Jobs.EnqueueAsync(_entry!, _siteId, _user.Identity?.Name, CancellationToken.None);
            _job = AnalysisJobEvent.From("queued", job);
            await Audit.WriteAsync(_user, "analysis.requested", "slide", _entry!.Id, _siteId, $"job {job.Id}");
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CancelAsync()
    {
        if (_job is not null)
        {
            await Jobs.CancelAsync(_job.JobId, CancellationToken.None);
        }
    }

    private async Task RetryAsync()
    {
        if (_job is not null)
        {
            await Jobs.RetryAsync(_job.JobId, CancellationToken.None);
        }
    }

    private void OnJobEvent(AnalysisJobEvent jobEvent)
    {
        if (jobEvent.SlideId != SlideId)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            _job = jobEvent;
            if (jobEvent.Type == "completed")
            {
                LoadResults(await Jobs.GetAsync(jobEvent.JobId, CancellationToken.None));
            }

            StateHasChanged();
        });
    }

    public async ValueTask DisposeAsync()
    {
        Events.Published -= OnJobEvent;
        if (_viewer is not null)
        {
            await _viewer.DisposeAsync();
        }
    }
}
