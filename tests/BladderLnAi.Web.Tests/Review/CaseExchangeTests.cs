using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Identity;
using BladderLnAi.Tests;
using BladderLnAi.Web.Review;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using static BladderLnAi.Web.Tests.Review.ReviewApi;

namespace BladderLnAi.Web.Tests.Review;

/// <summary>Uploads, GeoJSON and CSV exchange, analysis import, reports and live updates of cases.</summary>
[Trait("Category", "Review")]
public sealed class CaseExchangeTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private const string Slide = "cmu-1-small-region";

    [Fact]
    public async Task Upload_NotASlide_IsRejectedAndNothingKept()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);

        var response = await UploadAsync(pathologist.Client, created.Id, "fake-slide.svs", Encoding.UTF8.GetBytes("this is not a slide\n"));

        AssertStatus(HttpStatusCode.BadRequest, response, "uploading a text file named .svs");
        var message = await MessageAsync(response);
        Assert.Contains("fake-slide.svs", message);
        Assert.Contains("not a slide that OpenSlide can read", message);
        Assert.Empty(UploadedFiles());
        Assert.Empty((await GetCaseAsync(pathologist.Client, created.Id)).Slides);
    }

    [Fact]
    public async Task Upload_OverLimit_IsRejectedAndNothingKept()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);
        var bytes = await File.ReadAllBytesAsync(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));

        var response = await UploadAsync(pathologist.Client, created.Id, "too-large.svs", bytes);

        AssertStatus(HttpStatusCode.RequestEntityTooLarge, response, $"uploading {bytes.Length} bytes over a {ReviewFactory.UploadLimitMegabytes} MB limit");
        Assert.Contains("too-large.svs", await MessageAsync(response));
        Assert.Empty(UploadedFiles());
    }

    [Fact]
    public async Task Upload_WrongExtension_IsRejected()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);

        var response = await UploadAsync(pathologist.Client, created.Id, "notes.txt", Encoding.UTF8.GetBytes("text"));

        AssertStatus(HttpStatusCode.BadRequest, response, "uploading a .txt file");
        Assert.Contains("'notes.txt' is not an uploadable slide", await MessageAsync(response));
    }

    [Fact]
    public async Task Upload_RealSlide_JoinsCaseAndSiteFolder()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var outsider = await factory.AccountAsync(Roles.Pathologist, TestSites.Other);
        var created = await CreateCaseAsync(pathologist.Client);
        var bytes = await File.ReadAllBytesAsync(TestPaths.SampleSlide("CMU-1-16x16.svs"));
        var name = $"uploaded-{Guid.NewGuid():N}"[..20] + ".svs";

        var slide = await ReadAsync<CaseSlideView>(await UploadAsync(pathologist.Client, created.Id, name, bytes));

        Assert.Equal(CaseSlideSource.Upload, slide.Source);
        Assert.Equal(name, slide.FileName);
        var info = await pathologist.Client.GetAsync($"/api/slides/{slide.SlideId}");
        AssertStatus(HttpStatusCode.OK, info, "reading the uploaded slide");
        AssertStatus(HttpStatusCode.NotFound, await outsider.Client.GetAsync($"/api/slides/{slide.SlideId}"), "another site reading the upload");
        Assert.Single(UploadedFiles(), path => path.EndsWith(name, StringComparison.Ordinal));
        File.Delete(UploadedFiles().Single(path => path.EndsWith(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GeoJson_ExportImportExport_IsUnchanged()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var source = await CreateCaseAsync(pathologist.Client);
        var sourceSlide = await AddSlideAsync(pathologist.Client, source.Id, Slide);
        await DrawAsync(pathologist.Client, source.Id, sourceSlide.Id, [[100.25, 100.125], [612.5, 140.0000001], [580.75, 733.3333333], [90, 500]]);
        await DrawAsync(pathologist.Client, source.Id, sourceSlide.Id, Triangle(1500, 1700, 80));
        var exported = await pathologist.Client.GetStringAsync($"/api/cases/{source.Id}/slides/{sourceSlide.Id}/geojson");

        var target = await CreateCaseAsync(pathologist.Client);
        var targetSlide = await AddSlideAsync(pathologist.Client, target.Id, Slide);
        var import = await pathologist.Client.PostAsync(
            $"/api/cases/{target.Id}/slides/{targetSlide.Id}/geojson", new StringContent(exported, Encoding.UTF8, "application/geo+json"));
        AssertStatus(HttpStatusCode.OK, import, "importing the exported GeoJSON");
        var reexported = await pathologist.Client.GetStringAsync($"/api/cases/{target.Id}/slides/{targetSlide.Id}/geojson");

        Assert.Equal(exported, reexported);
        Assert.Contains("\"objectType\": \"annotation\"", exported);
        Assert.Contains("\"classification\"", exported);
        Assert.Contains("Greatest dimension (um)", exported);
        var findings = (await GetCaseAsync(pathologist.Client, target.Id)).Findings;
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingOrigin.Imported, f.Origin));
    }

    [Fact]
    public async Task GeoJson_QuPathMultiPolygonAndDetection_ImportsAnnotationsOnly()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);
        var slide = await AddSlideAsync(pathologist.Client, created.Id, Slide);
        const string qupath = """
            [
              {"type":"Feature","id":"a1","geometry":{"type":"MultiPolygon","coordinates":[[[[10,10],[60,10],[60,60],[10,10]]],[[[200,200],[260,200],[260,260],[200,200]]]]},
               "properties":{"objectType":"annotation","classification":{"name":"Tumor","color":[200,0,0]}}},
              {"type":"Feature","id":"d1","geometry":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,5]]]},
               "properties":{"objectType":"detection"}}
            ]
            """;

        var response = await pathologist.Client.PostAsync(
            $"/api/cases/{created.Id}/slides/{slide.Id}/geojson", new StringContent(qupath, Encoding.UTF8, "application/json"));

        AssertStatus(HttpStatusCode.OK, response, "importing QuPath annotations");
        var findings = (await GetCaseAsync(pathologist.Client, created.Id)).Findings;
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(3, f.Outline.Length));
    }

    [Fact]
    public async Task GeoJson_PointGeometry_NamesTheFeature()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);
        var slide = await AddSlideAsync(pathologist.Client, created.Id, Slide);
        const string point = """{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"objectType":"annotation"}}""";

        var response = await pathologist.Client.PostAsync(
            $"/api/cases/{created.Id}/slides/{slide.Id}/geojson", new StringContent(point, Encoding.UTF8, "application/json"));

        AssertStatus(HttpStatusCode.BadRequest, response, "importing a point");
        Assert.Contains("Feature 1 has geometry 'Point'", await MessageAsync(response));
        Assert.Empty((await GetCaseAsync(pathologist.Client, created.Id)).Findings);
    }

    [Fact]
    public async Task Csv_ListsRulingsAndEscapesFormulas()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);
        var slide = await AddSlideAsync(pathologist.Client, created.Id, Slide);
        var finding = await DrawAsync(pathologist.Client, created.Id, slide.Id, Triangle(300, 300, 200));
        await ReadAsync<FindingView>(await ProposeAsync(pathologist.Client, created.Id, finding, FindingRuling.Reject, RejectionReason.Other, "=HYPERLINK(\"x\"), fold"));

        var csv = await pathologist.Client.GetStringAsync($"/api/cases/{created.Id}/findings.csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("accession_number,finding_id,slide_file", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Reject,Other,\"'=HYPERLINK(\"\"x\"\"), fold\"", lines[1]);
    }

    [Fact]
    public async Task Report_SignedOutCase_HtmlAndPdf()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var (signedOut, _, _, _) = await SignedOutCaseAsync(pathologist.Client, senior.Client, Slide);

        var html = await senior.Client.GetStringAsync($"/api/cases/{signedOut.Id}/report");
        var pdf = await senior.Client.GetByteArrayAsync($"/api/cases/{signedOut.Id}/report.pdf");

        Assert.Contains("pN1", html);
        Assert.Contains(pathologist.UserName, html);
        Assert.Contains(senior.UserName, html);
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("No AI analysis was imported", html);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "review"));
        await File.WriteAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "review", "case-report.pdf"), pdf);
        await File.WriteAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "review", "case-report.html"), html);
    }

    [Fact]
    public async Task Report_BeforeSignOut_IsConflict()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);

        var response = await pathologist.Client.GetAsync($"/api/cases/{created.Id}/report");

        AssertStatus(HttpStatusCode.Conflict, response, "a report before sign-out");
    }

    [Fact]
    public async Task CaseHub_OtherReviewersRuling_ArrivesLive()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var senior = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Primary);
        var outsider = await factory.AccountAsync(Roles.SeniorPathologist, TestSites.Other);
        var created = await CreateCaseAsync(pathologist.Client);
        var slide = await AddSlideAsync(pathologist.Client, created.Id, Slide);
        var finding = await DrawAsync(pathologist.Client, created.Id, slide.Id, Triangle(300, 300, 200));
        var received = new TaskCompletionSource<CaseChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = factory.CreateCaseHubConnection(pathologist);
        hub.On<CaseChange>(CaseHub.ChangeMethod, change => received.TrySetResult(change));
        await hub.StartAsync();
        await hub.InvokeAsync("WatchCase", created.Id);
        await using var outsiderHub = factory.CreateCaseHubConnection(outsider);
        await outsiderHub.StartAsync();

        await ReadAsync<FindingView>(await ConfirmAsync(senior.Client, created.Id, finding));
        var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(created.Id, change.CaseId);
        Assert.Equal(finding.Id, change.FindingId);
        Assert.Contains("confirmed", change.Description);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => outsiderHub.InvokeAsync("WatchCase", created.Id));
        Assert.Contains("was not found", refused.Message);
    }

    [Fact]
    public async Task AnalysisImport_CopiesFindingsWithSourceJob()
    {
        var pathologist = await factory.AccountAsync(Roles.Pathologist, TestSites.Primary);
        var created = await CreateCaseAsync(pathologist.Client);
        var slide = await AddSlideAsync(pathologist.Client, created.Id, Slide);
        var early = await pathologist.Client.PostAsync($"/api/cases/{created.Id}/slides/{slide.Id}/analysis", null);
        var job = await AnalyseAsync(pathologist.Client, Slide);

        var imported = await ReadAsync<List<FindingView>>(await pathologist.Client.PostAsync($"/api/cases/{created.Id}/slides/{slide.Id}/analysis", null));
        var again = await pathologist.Client.PostAsync($"/api/cases/{created.Id}/slides/{slide.Id}/analysis", null);

        Assert.True(early.StatusCode == HttpStatusCode.Conflict || early.IsSuccessStatusCode, $"import before analysis answered {(int)early.StatusCode}");
        Assert.Equal(job.FindingCount, imported.Count);
        Assert.All(imported, f => Assert.Equal(job.JobId, f.SourceJobId));
        Assert.All(imported, f => Assert.Equal(FindingReviewState.Unreviewed, f.ReviewState));
        AssertStatus(HttpStatusCode.Conflict, again, "importing the same analysis twice");
        var reviewCase = await GetCaseAsync(pathologist.Client, created.Id);
        Assert.Equal(job.JobId, reviewCase.Slides.Single().ImportedJobId);
        Assert.Equal(CaseStatus.Analysed, reviewCase.Status);
    }

    /// <summary>Runs (or reuses) an analysis of the slide and returns the completed job's id and finding count.</summary>
    internal static async Task<(Guid JobId, int FindingCount)> AnalyseAsync(HttpClient client, string slideId)
    {
        var response = await client.PostAsync($"/api/slides/{slideId}/analyses", null);
        var location = response.Headers.Location?.OriginalString
            ?? throw new InvalidOperationException($"Queueing an analysis answered {(int)response.StatusCode} without a location.");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var job = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(location);
            var status = job.GetProperty("status").GetString();
            if (status == "Completed")
            {
                return (job.GetProperty("jobId").GetGuid(), job.GetProperty("findingCount").GetInt32());
            }

            Assert.True(status is "Queued" or "Running", $"analysis ended with status {status}");
            await Task.Delay(500);
        }

        throw new TimeoutException($"The analysis at {location} did not complete within 5 minutes.");
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, int caseId, string fileName, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return client.PostAsync($"/api/cases/{caseId}/slides/upload", form);
    }

    private IReadOnlyList<string> UploadedFiles()
    {
        var folder = Path.Combine(factory.DataDirectory, "uploads");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
