using BladderLnAi.Data.Cases;
using BladderLnAi.Imaging.Geometry;
using Microsoft.JSInterop;

namespace BladderLnAi.Web.Components.Pages.Cases;

/// <summary>
/// The .NET side of <c>wwwroot/js/case-review.js</c>: owns the module, the viewer instance and the
/// <see cref="DotNetObjectReference{T}"/> that receives clicks on findings and drawn polygons.
/// </summary>
public sealed class CaseReviewViewerInterop(IJSRuntime js) : IAsyncDisposable
{
    private readonly string _key = $"case-viewer-{Guid.NewGuid():N}";
    private IJSObjectReference? _module;
    private DotNetObjectReference<CaseReviewViewerInterop>? _self;

    /// <summary>Raised when the reviewer clicks inside a finding's outline.</summary>
    public event Func<int, Task>? FindingClicked;

    /// <summary>Raised when the reviewer closes a drawn polygon (level-0 pixels).</summary>
    public event Func<IReadOnlyList<PointD>, Task>? PolygonDrawn;

    public async Task CreateAsync(string elementId, string slideId)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/case-review.js");
        _self ??= DotNetObjectReference.Create(this);
        var options = new { dziUrl = $"dzi/{slideId}.dzi", prefixUrl = "lib/openseadragon/images/" };
        await _module.InvokeVoidAsync("createReviewViewer", _key, elementId, options, _self);
    }

    public Task SetFindingsAsync(IEnumerable<CaseFinding> findings, int? selectedId) =>
        InvokeAsync(
            "setCaseFindings",
            findings.Select(f => new { id = f.Id, outline = OutlineJson.ToArrays(f.Outline), style = StyleOf(f) }).ToList(),
            selectedId);

    public Task ZoomToFindingAsync(int findingId) => InvokeAsync("zoomToFinding", findingId);

    public Task StartDrawingAsync() => InvokeAsync("startDrawing");

    public Task FinishDrawingAsync() => InvokeAsync("finishDrawing");

    public Task CancelDrawingAsync() => InvokeAsync("cancelDrawing");

    [JSInvokable]
    public Task OnFindingClicked(int findingId) => FindingClicked?.Invoke(findingId) ?? Task.CompletedTask;

    [JSInvokable]
    public Task OnPolygonDrawn(double[][] points) =>
        PolygonDrawn?.Invoke(OutlineJson.FromArrays(points)) ?? Task.CompletedTask;

    /// <summary>Returns the colour key of a finding's ruling, as in the legend of the case pages.</summary>
    public static string StyleOf(CaseFinding finding) => (finding.ReviewState, finding.Ruling) switch
    {
        (FindingReviewState.Final, FindingRuling.Confirm) => "final-confirm",
        (FindingReviewState.Final, _) => "final-reject",
        (FindingReviewState.Proposed, FindingRuling.Confirm) => "proposed-confirm",
        (FindingReviewState.Proposed, _) => "proposed-reject",
        _ => "unreviewed",
    };

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("destroy", _key);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the browser took the viewer with it.
            }
        }

        _self?.Dispose();
    }

    private async Task InvokeAsync(string identifier, params object?[] args)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync(identifier, [_key, .. args]);
        }
    }
}
