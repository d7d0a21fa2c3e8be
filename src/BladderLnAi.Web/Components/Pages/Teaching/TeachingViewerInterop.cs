using BladderLnAi.Web.Teaching;
using Microsoft.JSInterop;

namespace BladderLnAi.Web.Components.Pages.Teaching;

/// <summary>
/// The .NET side of <c>wwwroot/js/teaching.js</c>: owns the JS module, the viewer instance and the
/// <see cref="DotNetObjectReference{T}"/> that receives the resident's marks.
/// </summary>
public sealed class TeachingViewerInterop(IJSRuntime js) : IAsyncDisposable
{
    private readonly string _key = $"teaching-{Guid.NewGuid():N}";
    private IJSObjectReference? _module;
    private DotNetObjectReference<TeachingViewerInterop>? _self;

    /// <summary>Raised with the level-0 point the resident clicked in point mode.</summary>
    public event Func<double, double, Task>? PointMarked;

    /// <summary>Raised with the level-0 outline the resident drew in outline mode.</summary>
    public event Func<double[][], Task>? OutlineMarked;

    public async Task CreateAsync(string elementId, string dziUrl, long slideWidth, long slideHeight)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/teaching.js");
        _self ??= DotNetObjectReference.Create(this);
        var options = new { dziUrl, slideWidth, slideHeight, prefixUrl = "lib/openseadragon/images/" };
        await _module.InvokeVoidAsync("createMarkingViewer", _key, elementId, options, _self);
    }

    /// <param name="mode"><c>pan</c>, <c>point</c> or <c>outline</c>.</param>
    public Task SetModeAsync(string mode) => InvokeAsync("setMode", mode);

    public Task SetMarksAsync(IEnumerable<MarkView> marks) =>
        InvokeAsync("setMarks", marks.Select(m => new { m.Id, Kind = m.Kind.ToString(), m.Points, m.SizeClass }).ToList());

    public Task SetFindingsAsync(IEnumerable<RevealFinding> findings) =>
        InvokeAsync("setFindings", findings.Select(f => new { f.Id, f.Outline, f.SizeClass, f.Hit }).ToList());

    public Task SetHeatmapAsync(RevealHeatmap heatmap) => InvokeAsync("setHeatmap", heatmap.Url, heatmap.Level0Width);

    public Task SetHeatmapOpacityAsync(double opacity) => InvokeAsync("setHeatmapOpacity", opacity);

    public Task ZoomToAsync(double x, double y, double width, double height) => InvokeAsync("zoomTo", x, y, width, height);

    [JSInvokable]
    public Task OnPointMarked(double x, double y) => PointMarked?.Invoke(x, y) ?? Task.CompletedTask;

    [JSInvokable]
    public Task OnOutlineMarked(double[][] points) => OutlineMarked?.Invoke(points) ?? Task.CompletedTask;

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
