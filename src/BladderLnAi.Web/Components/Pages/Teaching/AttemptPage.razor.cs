using System.Diagnostics;
using System.Security.Claims;
using BladderLnAi.Data.Teaching;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Web.Teaching;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace BladderLnAi.Web.Components.Pages.Teaching;

/// <summary>
/// A resident's attempt: blind marking of the case's slides while open, and the reveal of marks, confirmed
/// findings, AI heatmap, score and learning notes once submitted. The time each slide is on screen is recorded.
/// </summary>
public sealed partial class AttemptPage
{
    private const string ViewerElementId = "teaching-viewer";

    private ClaimsPrincipal _user = new();
    private AttemptView? _attempt;
    private AttemptSlideView? _slide;
    private bool _notFound;
    private string? _error;
    private string _mode = "point";
    private string? _nextSizeClass;
    private double _heatmapOpacity = 0.5;
    private bool _viewerPending;
    private bool _revealRecorded;
    private long _slideShownAt;
    private TeachingViewerInterop? _viewer;

    [Parameter]
    public int AttemptId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private AttemptService Attempts { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<MarkView> MarksOnSlide =>
        _attempt?.Marks.Where(m => m.CaseSlideId == _slide?.CaseSlideId).ToList() ?? [];

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication).User;
        await LoadAsync();
        _slide = _attempt?.Slides.FirstOrDefault();
        _viewerPending = _slide is not null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_viewerPending || _slide is null || _attempt is null)
        {
            return;
        }

        _viewerPending = false;
        if (_viewer is null)
        {
            _viewer = new TeachingViewerInterop(JS);
            _viewer.PointMarked += (x, y) => InvokeAsync(() => AddMarkAsync(MarkKind.Point, [new PointD(x, y)]));
            _viewer.OutlineMarked += points => InvokeAsync(() => AddMarkAsync(MarkKind.Outline, points.Select(p => new PointD(p[0], p[1])).ToList()));
        }

        await _viewer.CreateAsync(ViewerElementId, DziUrl(_slide), _slide.Width, _slide.Height);
        _slideShownAt = Stopwatch.GetTimestamp();
        await DrawAsync();
        if (_attempt.IsSubmitted && !_revealRecorded)
        {
            _revealRecorded = true;
            await Attempts.RecordRevealAsync(_user, AttemptId);
        }
    }

    private async Task LoadAsync()
    {
        _attempt = await Attempts.GetAsync(_user, AttemptId);
        _notFound = _attempt is null;
    }

    private string DziUrl(AttemptSlideView slide) => $"api/teaching/attempts/{AttemptId}/slides/{slide.CaseSlideId}/image.dzi";

    private async Task DrawAsync()
    {
        if (_viewer is null || _attempt is null || _slide is null)
        {
            return;
        }

        await _viewer.SetModeAsync(_attempt.IsSubmitted ? "pan" : _mode);
        await _viewer.SetMarksAsync(MarksOnSlide);
        if (_attempt.Reveal is { } reveal)
        {
            await _viewer.SetFindingsAsync(reveal.Findings.Where(f => f.CaseSlideId == _slide.CaseSlideId));
            if (reveal.Heatmaps.TryGetValue(_slide.CaseSlideId, out var heatmap))
            {
                await _viewer.SetHeatmapOpacityAsync(_heatmapOpacity);
                await _viewer.SetHeatmapAsync(heatmap);
            }
        }
    }

    private async Task ShowSlideAsync(AttemptSlideView slide)
    {
        if (slide.CaseSlideId == _slide?.CaseSlideId)
        {
            return;
        }

        await RecordTimeAsync();
        _slide = slide;
        _viewerPending = true;
    }

    private async Task SetModeAsync(string mode)
    {
        _mode = mode;
        if (_viewer is not null)
        {
            await _viewer.SetModeAsync(mode);
        }
    }

    private Task AddMarkAsync(MarkKind kind, IReadOnlyList<PointD> points) => RunAsync(async () =>
    {
        if (_slide is null)
        {
            return;
        }

        await Attempts.AddMarkAsync(_user, AttemptId, _slide.CaseSlideId, kind, points, _nextSizeClass);
    });

    private Task ChangeSizeClassAsync((int MarkId, string? SizeClass) change) =>
        RunAsync(() => Attempts.SetMarkSizeClassAsync(_user, AttemptId, change.MarkId, change.SizeClass));

    private Task DeleteMarkAsync(int markId) => RunAsync(() => Attempts.DeleteMarkAsync(_user, AttemptId, markId));

    private async Task SubmitAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Submit this attempt?",
            $"You placed {_attempt?.Marks.Count ?? 0} marks. After submitting, your marks are scored and can no longer change, and the confirmed findings and the AI heatmap are shown.",
            yesText: "Submit",
            cancelText: "Keep marking");
        if (confirmed != true)
        {
            return;
        }

        await RecordTimeAsync();
        await RunAsync(async () =>
        {
            await Attempts.SubmitAsync(_user, AttemptId);
            _viewerPending = true;
        });
    }

    /// <summary>Runs a change, shows its error if it is rejected, then reloads the attempt and redraws.</summary>
    private async Task RunAsync(Func<Task> change)
    {
        try
        {
            await change();
            _error = null;
        }
        catch (TeachingException ex)
        {
            _error = ex.Message;
        }

        await LoadAsync();
        StateHasChanged();
        await DrawAsync();
    }

    private async Task RecordTimeAsync()
    {
        if (_slide is null || _attempt is not { IsSubmitted: false } || _slideShownAt == 0)
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(_slideShownAt).TotalSeconds;
        _slideShownAt = Stopwatch.GetTimestamp();
        await Attempts.RecordTimeAsync(_user, AttemptId, _slide.CaseSlideId, seconds);
    }

    private async Task OnOpacityChangedAsync(double opacity)
    {
        _heatmapOpacity = opacity;
        if (_viewer is not null)
        {
            await _viewer.SetHeatmapOpacityAsync(opacity);
        }
    }

    private async Task ZoomToFindingAsync(RevealFinding finding)
    {
        var slide = _attempt?.Slides.FirstOrDefault(s => s.CaseSlideId == finding.CaseSlideId);
        if (slide is null || _viewer is null)
        {
            return;
        }

        if (slide.CaseSlideId != _slide?.CaseSlideId)
        {
            _slide = slide;
            await _viewer.CreateAsync(ViewerElementId, DziUrl(slide), slide.Width, slide.Height);
            await DrawAsync();
        }

        var xs = finding.Outline.Select(p => p[0]).ToList();
        var ys = finding.Outline.Select(p => p[1]).ToList();
        await _viewer.ZoomToAsync(xs.Min(), ys.Min(), xs.Max() - xs.Min(), ys.Max() - ys.Min());
    }

    public async ValueTask DisposeAsync()
    {
        await RecordTimeAsync();
        if (_viewer is not null)
        {
            await _viewer.DisposeAsync();
        }
    }
}
