using BladderLnAi.Analysis.Output;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Components.Pages.Viewer;
using BladderLnAi.Web.Overlays;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BladderLnAi.Web.Tests.Components;

/// <summary>The top regions gallery and the review marks in the findings table.</summary>
[Trait("Category", "Reliability")]
public sealed class TopRegionsGalleryTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public TopRegionsGalleryTests()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Gallery_ShowsTheTenMostProbableFindings_InOrder()
    {
        _context.Services.AddSingleton(new ViewerOptions());
        var results = Results(12);

        var gallery = _context.Render<TopRegionsGallery>(parameters => parameters.Add(p => p.Results, results));

        var ids = gallery.FindAll("[data-testid=top-region]").Select(item => item.GetAttribute("data-finding-id") ?? "").ToList();
        var expected = results.Findings.OrderByDescending(f => f.MaximumProbability).Take(10).Select(f => f.Id.ToString()).ToList();
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void Gallery_ConfiguredCount_ShowsThatMany()
    {
        _context.Services.AddSingleton(new ViewerOptions { TopRegionCount = 3 });

        var gallery = _context.Render<TopRegionsGallery>(parameters => parameters.Add(p => p.Results, Results(12)));

        Assert.Equal(3, gallery.FindAll("[data-testid=top-region]").Count);
    }

    [Fact]
    public void Gallery_UncertainBand_MarksNeedsSeniorReview()
    {
        _context.Services.AddSingleton(new ViewerOptions { ReviewBandLower = 0.5, ReviewBandUpper = 0.7 });

        var gallery = _context.Render<TopRegionsGallery>(parameters => parameters.Add(p => p.Results, Results(12)));

        foreach (var item in gallery.FindAll("[data-testid=top-region]"))
        {
            var probability = Probability(int.Parse(item.GetAttribute("data-finding-id")!));
            var expected = probability is >= 0.5f and < 0.7f;
            Assert.True(
                expected == (item.QuerySelector("[data-testid=needs-review]") is not null),
                $"Finding with probability {probability} marked {!expected}, expected {expected}.");
        }

        Assert.NotEmpty(gallery.FindAll("[data-testid=needs-review]"));
    }

    [Fact]
    public void Gallery_Click_SelectsTheFinding()
    {
        _context.Services.AddSingleton(new ViewerOptions());
        FindingDocument? selected = null;
        var gallery = _context.Render<TopRegionsGallery>(parameters => parameters
            .Add(p => p.Results, Results(5))
            .Add(p => p.OnRegionSelected, (FindingDocument finding) => selected = finding));

        gallery.FindAll("[data-testid=top-region]")[1].Click();

        Assert.NotNull(selected);
        Assert.Equal(gallery.FindAll("[data-testid=top-region]")[1].GetAttribute("data-finding-id"), selected.Id.ToString());
    }

    [Fact]
    public void Gallery_Thumbnail_ShowsTheFindingsRegion()
    {
        _context.Services.AddSingleton(new ViewerOptions());
        var results = Results(1);
        var finding = results.Findings[0];
        var region = FindingThumbnail.RegionOf(finding);

        var gallery = _context.Render<TopRegionsGallery>(parameters => parameters.Add(p => p.Results, results));

        var source = gallery.Find("[data-testid=top-region] img").GetAttribute("src");
        Assert.Equal(
            FormattableString.Invariant($"api/slides/slide/region.jpeg?x={region.X:R}&y={region.Y:R}&width={region.Width:R}&height={region.Height:R}&size=160"),
            source);
        Assert.Equal(
            FormattableString.Invariant($"{region.X} {region.Y} {region.Width} {region.Height}"),
            gallery.Find("[data-testid=top-region] svg").GetAttribute("viewBox"));
    }

    [Fact]
    public void FindingsTable_MarksOnlyFindingsInTheBand()
    {
        _context.Services.AddSingleton(new ViewerOptions { ReviewBandLower = 0.5, ReviewBandUpper = 0.7 });
        var results = Results(3, [0.95f, 0.65f, 0.45f]);

        var table = _context.Render<FindingsTable>(parameters => parameters.Add(p => p.Results, results));

        var rows = table.FindAll("[data-testid=findings-table] tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Equal([false, true, false], rows.Select(row => row.QuerySelector("[data-testid=needs-review]") is not null));
    }

    // Probabilities spread over 0.40 to 0.95 in a shuffled order, so that the gallery must sort them.
    private static float Probability(int id) => 0.40f + 0.05f * (id * 7 % 12);

    private static AnalysisResults Results(int count, float[]? probabilities = null)
    {
        var findings = Enumerable.Range(1, count)
            .Select(id => Finding(id, probabilities?[id - 1] ?? Probability(id)))
            .ToList();
        var job = new AnalysisJob { SlideId = "slide", SlideFileName = "slide.svs", Status = AnalysisJobStatus.Completed };
        var summary = new SummaryDocument(
            new SlideDocument("slide", "slide.svs", "aperio", 10_000, 10_000, 0.25),
            new ModelDocument("model", "1", "", false, 512, 2),
            "cpu",
            1,
            1,
            0,
            4096,
            new HeatmapDocument(ArtifactFiles.Heatmap, ArtifactFiles.HeatmapOverlay, 100, 100, 100, ""),
            0.5f,
            false,
            new Dictionary<string, double>(),
            1,
            new Dictionary<string, int>(),
            DateTime.UtcNow);
        return new AnalysisResults(job, summary, findings, []);
    }

    private static FindingDocument Finding(int id, float probability)
    {
        var x = 100.25 * id;
        double[][] outline = [[x, 200.5], [x + 40, 200.5], [x + 40, 260.75], [x, 260.75]];
        return new FindingDocument(id, outline, x + 20, 230, 50, 0.001, probability, probability - 0.1f, "itc", "Isolated tumour cells");
    }
}
