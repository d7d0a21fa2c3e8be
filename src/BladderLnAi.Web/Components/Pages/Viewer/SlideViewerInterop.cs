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

    /// <summary>Shows the heatmap pyramid whose Deep Zoom descriptor is at <paramref name="dziUrl"/> over the slide.</summary>
    public Task SetHeatmapAsync(string dziUrl) => InvokeAsync("setHeatmap", dziUrl);

    public Task SetHeatmapOpacityAsync(double opacity) => InvokeAsync("setHeatmapOpacity", opacity);

    /// <summary>
    /// Lets the viewer load findings by viewport from the job's findings routes: outlines while at most
    /// <paramref name="limit"/> findings are in view, and counts per area beyond that.
    /// </summary>
    public Task SetFindingsSourceAsync(Guid jobId, int limit, double reviewLower, double reviewUpper) =>
        InvokeAsync("setFindingsSource", new
        {
            url = $"api/analyses/{jobId}/findings",
            clustersUrl = $"api/analyses/{jobId}/findings/clusters",
            limit,
            reviewBand = new { lower = reviewLower, upper = reviewUpper },
        });

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
