using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BladderLnAi.Tests;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// Kills the real web host with SIGKILL while a reviewer's rulings or a slide upload are in flight, then starts it
/// again over the same data folder. Every ruling the server acknowledged is kept with its audit entry, no finding is
/// half-updated, and an interrupted upload leaves no file behind.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class CrashDuringReviewTests(ITestOutputHelper output)
{
    private const string Slide = "cmu-1-small-region";
    private const string UploadFileName = "crash-upload.svs";
    private const int FindingCount = 4;
    private const int AcknowledgedBeforeKill = 24;

    [Fact]
    public async Task Kill_MidRuling_KeepsAcknowledgedRulings()
    {
        var host = new WebHostProcess();
        await host.StartAsync();
        try
        {
            // Arrange: a case on the sample slide with reviewer-drawn findings.
            var (http, _) = await CrashRecoveryTests.SignInAsync(host);
            var caseId = await CreateCaseAsync(http, "CR-RULING-1");
            var caseSlideId = await AddSlideAsync(http, caseId);
            var findings = new List<(int Id, Guid Version)>();
            for (var i = 0; i < FindingCount; i++)
            {
                var drawn = await PostJsonAsync(http, $"api/cases/{caseId}/findings", new { caseSlideId, outline = Square(300 + i * 400, 600) });
                findings.Add((drawn.GetProperty("id").GetInt32(), drawn.GetProperty("version").GetGuid()));
            }

            // Act: each finding gets a tight loop of rulings, all findings at once, and the host is killed mid-stream.
            var acknowledged = new ConcurrentBag<Ruling>();
            var enoughAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var loops = findings
                .Select(f => RuleUntilFailureAsync(http, caseId, f.Id, f.Version, acknowledged, enoughAcknowledged))
                .ToList();
            var started = DateTime.UtcNow;
            var enough = await Task.WhenAny(enoughAcknowledged.Task, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(
                enough == enoughAcknowledged.Task,
                $"Only {acknowledged.Count} rulings on {acknowledged.Select(r => r.FindingId).Distinct().Count()} of {FindingCount} findings were acknowledged within 2 minutes, so the kill would test too little:\n{host.Log}");
            output.WriteLine($"Rulings ran {(DateTime.UtcNow - started).TotalSeconds:F1} s before the kill.");
            await host.KillAsync();
            var failures = await Task.WhenAll(loops);
            var auditBeforeRestart = ReadRulingAudit(host, caseId);
            await host.StartAsync();
            (http, _) = await CrashRecoveryTests.SignInAsync(host);
            var reopened = await http.GetAsync($"api/cases/{caseId}");
            var casePage = await http.GetAsync($"cases/{caseId}");

            // Assert: the kill hit requests in flight, the case opens, and every acknowledged ruling was kept.
            Assert.All(failures, failure => Assert.True(
                failure is HttpRequestException or TaskCanceledException,
                $"A ruling loop ended with {failure?.GetType().Name ?? "no error"} instead of a broken connection: {failure}"));
            Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
            Assert.Equal(HttpStatusCode.OK, casePage.StatusCode);
            var audit = ReadRulingAudit(host, caseId);
            output.WriteLine(
                $"Acknowledged before the kill: {acknowledged.Count} rulings ({string.Join(", ", findings.Select(f => acknowledged.Count(r => r.FindingId == f.Id)))} per finding); audit entries after restart: {audit.Count}.");
            Assert.Equal(auditBeforeRestart.Count, audit.Count);
            var current = (await reopened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray()
                .ToDictionary(f => f.GetProperty("id").GetInt32());
            foreach (var (findingId, _) in findings)
            {
                AssertFindingAgreesWithAudit(findingId, current[findingId], audit, acknowledged);
            }
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Kill_MidUpload_LeavesNoPartialFile()
    {
        var host = new WebHostProcess();
        await host.StartAsync();
        try
        {
            // Arrange: a case and an upload whose body stops half-way through the slide file.
            var (http, _) = await CrashRecoveryTests.SignInAsync(host);
            var caseId = await CreateCaseAsync(http, "CR-UPLOAD-1");
            var slideBytes = await File.ReadAllBytesAsync(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
            var uploads = Path.Combine(host.DataDirectory, "uploads");
            using var stalled = new StalledSlideContent(slideBytes, UploadFileName);
            var upload = http.PostAsync($"api/cases/{caseId}/slides/upload", stalled);

            // Act: once the server is writing the file, kill it, then start it again over the same data folder.
            await stalled.HalfSent.WaitAsync(TimeSpan.FromSeconds(30));
            var staging = await WaitForStagingFileAsync(uploads, TimeSpan.FromSeconds(30));
            Assert.True(staging is not null, $"The server wrote no staging file under {uploads} while receiving the upload, so the kill came too early:\n{host.Log}");
            Assert.False(upload.IsCompleted, $"The stalled upload finished before the kill, with status {upload.Status}.");
            await host.KillAsync();
            stalled.Dispose();
            await Assert.ThrowsAnyAsync<Exception>(() => upload.WaitAsync(TimeSpan.FromSeconds(30)));
            var leftByKill = Directory.GetFiles(uploads, "*", SearchOption.AllDirectories);
            await host.StartAsync();
            (http, _) = await CrashRecoveryTests.SignInAsync(host);
            var leftAfterRestart = Directory.GetFiles(uploads, "*", SearchOption.AllDirectories);
            var catalogue = await http.GetFromJsonAsync<JsonElement>("api/slides");
            var fresh = await UploadAsync(http, caseId, slideBytes);
            var freshBody = await fresh.Content.ReadAsStringAsync();
            var afterFresh = await http.GetFromJsonAsync<JsonElement>("api/slides");
            var reviewCase = await http.GetFromJsonAsync<JsonElement>($"api/cases/{caseId}");

            // Assert: the killed upload's partial file existed, the restart deleted it, and the same file uploads again.
            Assert.Contains(staging, leftByKill);
            Assert.True(leftAfterRestart.Length == 0, $"The restart kept files of the killed upload: {string.Join(", ", leftAfterRestart)}");
            Assert.DoesNotContain(catalogue.EnumerateArray(), s => s.GetProperty("fileName").GetString() == UploadFileName);
            Assert.True(fresh.StatusCode == HttpStatusCode.Created, $"The fresh upload failed with HTTP {(int)fresh.StatusCode}: {freshBody}");
            Assert.Contains(afterFresh.EnumerateArray(), s => s.GetProperty("fileName").GetString() == UploadFileName);
            Assert.Contains(reviewCase.GetProperty("slides").EnumerateArray(), s => s.GetProperty("fileName").GetString() == UploadFileName);
            Assert.Equal(slideBytes.Length, new FileInfo(Assert.Single(Directory.GetFiles(uploads, "*", SearchOption.AllDirectories))).Length);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>A ruling that the server acknowledged with a 2xx status: the finding, the comment that marks the request, and the ruling.</summary>
    private sealed record Ruling(int FindingId, int Sequence, string Comment, string Value);

    /// <summary>One <c>finding.proposed</c> audit entry, with the values it recorded after the change.</summary>
    private sealed record AuditedRuling(long Id, int FindingId, string? Comment, string? Ruling, string? ReviewState);

    /// <summary>
    /// Proposes rulings on one finding one after another, alternating confirm and reject, until a request fails; returns
    /// that failure. Each request carries a comment that names it, so its audit entry can be found after the restart.
    /// </summary>
    private static async Task<Exception?> RuleUntilFailureAsync(
        HttpClient http, int caseId, int findingId, Guid version, ConcurrentBag<Ruling> acknowledged, TaskCompletionSource enough)
    {
        for (var sequence = 1; ; sequence++)
        {
            var value = sequence % 2 == 0 ? "Confirm" : "Reject";
            var comment = $"ruling {findingId}-{sequence}";
            try
            {
                var response = await http.PostAsJsonAsync(
                    $"api/cases/{caseId}/findings/{findingId}/proposal",
                    new { version, ruling = value, rejectionReason = value == "Reject" ? "Artefact" : null, comment });
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    return new InvalidOperationException($"The ruling '{comment}' failed with HTTP {(int)response.StatusCode}: {body}");
                }

                version = JsonDocument.Parse(body).RootElement.GetProperty("version").GetGuid();
                acknowledged.Add(new Ruling(findingId, sequence, comment, value));
                if (acknowledged.Count >= AcknowledgedBeforeKill
                    && acknowledged.Select(r => r.FindingId).Distinct().Count() == FindingCount)
                {
                    enough.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }

    /// <summary>
    /// Checks one finding after the restart. Each acknowledged ruling has exactly one audit entry, at most the one
    /// request in flight at the kill was saved without a response, and the finding contains what its newest entry recorded.
    /// </summary>
    private static void AssertFindingAgreesWithAudit(
        int findingId, JsonElement finding, IReadOnlyList<AuditedRuling> audit, IEnumerable<Ruling> acknowledged)
    {
        var entries = audit.Where(a => a.FindingId == findingId).OrderBy(a => a.Id).ToList();
        var mine = acknowledged.Where(r => r.FindingId == findingId).OrderBy(r => r.Sequence).ToList();
        foreach (var ruling in mine)
        {
            var matching = entries.Where(a => a.Comment == ruling.Comment).ToList();
            Assert.True(matching.Count == 1, $"The acknowledged ruling '{ruling.Comment}' has {matching.Count} audit entries after the restart.");
            Assert.Equal(ruling.Value, matching[0].Ruling);
        }

        Assert.InRange(entries.Count, mine.Count, mine.Count + 1);
        var comment = finding.GetProperty("comment").GetString();
        if (entries.Count == 0)
        {
            // The finding's first ruling was still in flight at the kill and was not saved: it keeps its drawn state.
            Assert.Null(comment);
            return;
        }

        var newest = entries[^1];
        Assert.Equal(newest.Comment, comment);
        Assert.Equal(newest.Ruling, finding.GetProperty("ruling").GetString());
        Assert.Equal(newest.ReviewState, finding.GetProperty("reviewState").GetString());
        if (mine.Count > 0)
        {
            Assert.True(
                entries.FindIndex(a => a.Comment == mine[^1].Comment) >= entries.Count - 2,
                $"Finding {findingId} lost rulings after its last acknowledged one, '{mine[^1].Comment}'.");
        }
    }

    /// <summary>Reads the ruling audit entries of a case straight from the SQLite file.</summary>
    private static List<AuditedRuling> ReadRulingAudit(WebHostProcess host, int caseId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "bladderln.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT Id, ObjectId, After FROM AuditEntries WHERE Action = 'finding.proposed' AND ObjectType = 'case-finding' AND Details = $details";
        command.Parameters.AddWithValue("$details", $"case {caseId}");
        using var reader = command.ExecuteReader();
        var entries = new List<AuditedRuling>();
        while (reader.Read())
        {
            var after = JsonDocument.Parse(reader.GetString(2)).RootElement;
            entries.Add(new AuditedRuling(
                reader.GetInt64(0),
                int.Parse(reader.GetString(1)),
                after.GetProperty("comment").GetString(),
                after.GetProperty("ruling").GetString(),
                after.GetProperty("reviewState").GetString()));
        }

        return entries;
    }

    private static async Task<int> CreateCaseAsync(HttpClient http, string accession) =>
        (await PostJsonAsync(http, "api/cases", new { accessionNumber = accession })).GetProperty("id").GetInt32();

    private static async Task<int> AddSlideAsync(HttpClient http, int caseId) =>
        (await PostJsonAsync(http, $"api/cases/{caseId}/slides", new { slideId = Slide })).GetProperty("id").GetInt32();

    private static async Task<JsonElement> PostJsonAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient http, int caseId, byte[] slideBytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(slideBytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", UploadFileName);
        return http.PostAsync($"api/cases/{caseId}/slides/upload", form);
    }

    /// <summary>Waits until a file appears under the uploads folder and returns its path, or null at the timeout.</summary>
    private static async Task<string?> WaitForStagingFileAsync(string uploads, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(uploads) && Directory.GetFiles(uploads, "*", SearchOption.AllDirectories) is [var staging, ..])
            {
                return staging;
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>Level-0 outline of a 200-pixel square with its top-left corner at (x, y).</summary>
    private static double[][] Square(double x, double y) => [[x, y], [x + 200, y], [x + 200, y + 200], [x, y + 200]];

    /// <summary>
    /// A multipart form with one slide file that sends the first half of the file and then waits until it is disposed,
    /// as a slow client whose connection stalls would.
    /// </summary>
    private sealed class StalledSlideContent : HttpContent
    {
        private const string Boundary = "stalled-upload-boundary";
        private readonly byte[] _file;
        private readonly string _fileName;
        // The source is not disposed, because the content may be disposed twice and this source owns no timer.
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StalledSlideContent(byte[] file, string fileName)
        {
            _file = file;
            _fileName = fileName;
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        /// <summary>Completes once half of the file has been written to the connection.</summary>
        public Task HalfSent => _halfSent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var header = Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{_fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            await stream.WriteAsync(header);
            await stream.WriteAsync(_file.AsMemory(0, _file.Length / 2));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_stop.IsCancellationRequested)
            {
                _stop.Cancel();
            }

            base.Dispose(disposing);
        }
    }
}
