using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Review;

namespace BladderLnAi.Web.Tests.Review;

/// <summary>Calls the case review routes as a signed-in account and fails with the server's message on errors.</summary>
public static class ReviewApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A small triangle well inside the sample slides, in level-0 pixels.</summary>
    public static double[][] Triangle(double x, double y, double size) => [[x, y], [x + size, y], [x, y + size]];

    public static async Task<CaseView> CreateCaseAsync(HttpClient client, string? accession = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new CreateCaseRequest(accession ?? $"S-{Guid.NewGuid():N}"[..14], null), Json);
        return await ReadAsync<CaseView>(response);
    }

    public static async Task<CaseSlideView> AddSlideAsync(HttpClient client, int caseId, string slideId) =>
        await ReadAsync<CaseSlideView>(await client.PostAsJsonAsync($"/api/cases/{caseId}/slides", new AddSlideRequest(slideId), Json));

    public static async Task<LymphNodeView> AddNodeAsync(HttpClient client, int caseId, string label, NodeStation station, params int[] slides) =>
        await ReadAsync<LymphNodeView>(await client.PostAsJsonAsync($"/api/cases/{caseId}/nodes", new LymphNodeRequest(label, station, slides), Json));

    public static async Task<FindingView> DrawAsync(HttpClient client, int caseId, int caseSlideId, double[][] outline, int? nodeId = null) =>
        await ReadAsync<FindingView>(await client.PostAsJsonAsync($"/api/cases/{caseId}/findings", new DrawFindingRequest(caseSlideId, outline, nodeId), Json));

    public static Task<HttpResponseMessage> ProposeAsync(HttpClient client, int caseId, FindingView finding, FindingRuling ruling,
        RejectionReason? reason = null, string? comment = null) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/findings/{finding.Id}/proposal",
            new ProposalRequest(finding.Version, ruling, reason, comment), Json);

    public static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, int caseId, FindingView finding) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/findings/{finding.Id}/confirmation", new VersionRequest(finding.Version), Json);

    public static async Task<CaseView> GetCaseAsync(HttpClient client, int caseId) =>
        await ReadAsync<CaseView>(await client.GetAsync($"/api/cases/{caseId}"));

    public static async Task<CaseView> SubmitAsync(HttpClient client, int caseId)
    {
        var current = await GetCaseAsync(client, caseId);
        return await ReadAsync<CaseView>(await client.PostAsJsonAsync($"/api/cases/{caseId}/submission", new VersionRequest(current.Version), Json));
    }

    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client, int caseId, string? category = null, string? reason = null)
    {
        var current = await GetCaseAsync(client, caseId);
        return await client.PostAsJsonAsync($"/api/cases/{caseId}/sign-out", new SignOutRequest(current.Version, category, reason), Json);
    }

    /// <summary>Creates a case on a sample slide with one node and one drawn finding, confirmed by a senior and signed out.</summary>
    public static async Task<(CaseView Case, CaseSlideView Slide, LymphNodeView Node, FindingView Finding)> SignedOutCaseAsync(
        HttpClient pathologist,
        HttpClient senior,
        string slideId)
    {
        var created = await CreateCaseAsync(pathologist);
        var slide = await AddSlideAsync(pathologist, created.Id, slideId);
        var node = await AddNodeAsync(pathologist, created.Id, "LN1", NodeStation.LeftObturator, slide.Id);
        var finding = await DrawAsync(pathologist, created.Id, slide.Id, Triangle(100, 100, 400));
        var confirmed = await ReadAsync<FindingView>(await ConfirmAsync(senior, created.Id, finding));
        await SubmitAsync(pathologist, created.Id);
        var signedOut = await ReadAsync<CaseView>(await SignOutAsync(senior, created.Id));
        return (signedOut, slide, node, confirmed);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync());
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("message").GetString() ?? body;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body;
        }
    }

    public static void AssertStatus(HttpStatusCode expected, HttpResponseMessage response, string because) =>
        Assert.True(response.StatusCode == expected, $"{because}: expected {(int)expected}, got {(int)response.StatusCode}");
}
