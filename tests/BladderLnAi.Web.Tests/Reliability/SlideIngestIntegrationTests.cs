using System.Net;
using System.Text.Json;
using BladderLnAi.Data;
using BladderLnAi.Data.Sites;
using BladderLnAi.Tests;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Reliability;

/// <summary>
/// A site slide folder full of broken and hostile files beside good ones: the host lists and serves the good slides,
/// rejects the rest with a reason, and never analyses a blank read.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class SlideIngestIntegrationTests : IAsyncLifetime
{
    private readonly BladderLnAiFactory _factory = new();
    private readonly string _root = TestPaths.NewTempDirectory("ingest-site");
    private string _folder = "";
    private List<HostileSlides.HostileFile> _corpus = [];
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateDirectory(Path.Combine(_root, "slides")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        _corpus = HostileSlides.Build(_folder, outside);
        File.Copy(TestPaths.SampleSlide("CMU-1-16x16.svs"), Path.Combine(_folder, "Lymphknoten_Ü_3.svs"));
        File.WriteAllBytes(Path.Combine(_folder, "striped.tif"), HostileSlides.StripedTiff(1000, 700));
        _client = (await _factory.PathologistAsync()).Client;
        await AddFolderToPrimarySiteAsync(_folder);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task SlideList_HostileFolder_ListsOnlyValidSlides()
    {
        var slides = _factory.Services.GetRequiredService<SlideService>();

        var list = await _client.GetStringAsync("/api/slides");
        var names = JsonDocument.Parse(list).RootElement.EnumerateArray().Select(slide => slide.GetProperty("fileName").GetString()).ToList();

        Assert.Contains("Lymphknoten_Ü_3.svs", names);
        Assert.Contains("striped.tif", names);
        Assert.Contains("CMU-1-Small-Region.svs", names);
        Assert.All(_corpus, file => Assert.DoesNotContain(file.FileName, names));
        Assert.Equal(_corpus.Count, slides.Catalog.Rejected.Count(result => result.FullPath.StartsWith(_folder, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Tiles_HostileFolder_OtherSlidesStillServe()
    {
        var foreignName = await _client.GetAsync("/dzi/lymphknoten-3_files/0/0_0.jpeg");
        var striped = await _client.GetAsync("/dzi/striped.dzi");
        var sample = await _client.GetAsync("/dzi/cmu-1-small-region_files/11/0_0.jpeg");
        var truncated = await _client.GetAsync("/dzi/cmu-1-small-region-cut-65536.dzi");
        var blank = await _client.GetAsync("/api/slides/blank-white");

        Assert.Equal(HttpStatusCode.OK, foreignName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, striped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sample.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, truncated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, blank.StatusCode);
    }

    [Fact]
    public async Task Analysis_SlideTurnsBlank_FailsWithReason()
    {
        var path = Path.Combine(_folder, "turns-blank.tif");
        File.WriteAllBytes(path, HostileSlides.StripedTiff(1000, 700));
        await AddFolderToPrimarySiteAsync(_folder);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/slides/turns-blank")).StatusCode);

        // Rewriting the file in place leaves the folder's time stamp alone, so the catalogue still lists it.
        File.WriteAllBytes(path, HostileSlides.BlankWhiteTiff());
        var queued = await _client.PostAsync("/api/slides/turns-blank/analyses", null);
        var job = await WaitForEndAsync(queued.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.Contains("reads back blank", job.GetProperty("message").GetString());
        Assert.Contains("turns-blank.tif", job.GetProperty("message").GetString());
    }

    private async Task<JsonElement> WaitForEndAsync(string jobUrl)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var job = JsonDocument.Parse(await _client.GetStringAsync(jobUrl)).RootElement;
            if (job.GetProperty("status").GetString() is "Completed" or "Failed" or "Cancelled")
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Job {jobUrl} did not end within 2 minutes.");
    }

    private async Task AddFolderToPrimarySiteAsync(string folder)
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
            var site = await database.Sites.Include(s => s.SlideFolders).FirstAsync(s => s.Code == TestSites.Primary);
            if (!site.SlideFolders.Any(existing => existing.Path == folder))
            {
                site.SlideFolders.Add(new SiteSlideFolder { Path = folder });
                await database.SaveChangesAsync();
            }
        }

        var access = _factory.Services.GetRequiredService<SlideAccess>();
        access.Invalidate();
        _factory.Services.GetRequiredService<SlideService>().UseFolders(await access.AllFoldersAsync());
    }
}
