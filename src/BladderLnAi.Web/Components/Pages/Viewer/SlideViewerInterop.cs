using BladderLnAi.Analysis.Output;
using Microsoft.JSInterop;

namespace BladderLnAi.Web.Components.Pages.Viewer;

/// <summary>
/// The .NET side of <c>wwwroot/js/slide-viewer.js</c>: owns the JS module, the viewer instance and the
/// <see cref="DotNetObjectReference{T}"/> that receives clicks on the slide.
/// </summary>
public sealed class SlideViewerInterop(IJSRuntime js) : IAsyncDisposable
{
    private readonly string _key = $"viewer-{Guid.NewGuid():N}";
    private IJSObjectReference? _module;
    private DotNetObjectReference<SlideViewerInterop>? _self;

    /// <summary>Raised when the reviewer clicks a resampled field on the slide.</summary>
    public event Func<int, Task>? FieldSelected;

    public async Task CreateAsync(string elementId, string slideId, long slideWidth, double? micronsPerPixel)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/slide-viewer.js");
        _self ??= DotNetObjectReference.Create(this);
        var options = new
        {
            dziUrl = $"dzi/{slideId}.dzi",
            slideWidth,
            micronsPerPixel,
            prefixUrl = "lib/openseadragon/images/",
        };
        await _module.InvokeVoidAsync("createViewer", _key, elementId, options, _self);
    }

    public Task SetHeatmapAsync(string url, double level0Width) => InvokeAsync("setHeatmap", url, level0Width);

    public Task SetHeatmapOpacityAsync(double opacity) => InvokeAsync("setHeatmapOpacity", opacity);

    public Task SetFindingsAsync(IEnumerable<FindingDocument> findings) =>
        InvokeAsync("setFindings", findings.Select(f => new { f.Id, f.Outline, f.SizeClass }).ToList());

    public Task SetFieldsAsync(IEnumerable<FieldDocument> fields) =>
        InvokeAsync("setFields", fields.Select(f => new { f.Index, f.X, f.Y, f.Size }).ToList());

    public Task ZoomToAsync(double x, double y, double width, double height) => InvokeAsync("zoomTo", x, y, width, height);

    public Task ShowCompositeAsync(string canvasId, GridDocument grid, string compositeUrl, string heatmapUrl, bool showHeatmap) =>
        InvokeAsync("showComposite", canvasId, grid, compositeUrl, heatmapUrl, showHeatmap);

    public Task SetCompositeHeatmapAsync(bool showHeatmap) => InvokeAsync("setCompositeHeatmap", showHeatmap);

    [JSInvokable]
    public Task OnFieldSelected(int fieldIndex) => FieldSelected?.Invoke(fieldIndex) ?? Task.CompletedTask;

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
