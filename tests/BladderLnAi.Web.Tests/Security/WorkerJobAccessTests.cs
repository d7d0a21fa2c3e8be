using System.Net;
using System.Net.Http.Json;
using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Jobs.Running;
using BladderLnAi.Jobs.WorkerApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Security;

/// <summary>
/// The routes through which analysis workers record their jobs: only an access token of a client with the
/// AnalysisWorker role, together with the ticket of the job's request, may change a job, and only while it runs.
/// </summary>
[Trait("Category", "Security")]
public sealed class WorkerJobAccessTests(OpenIdConnectFactory factory) : IClassFixture<OpenIdConnectFactory>
{
    [Fact]
    public async Task WorkerToken_WithTicket_RecordsJobToCompletion()
    {
        var (jobId, ticket) = await RunningJobAsync();
        var worker = await WorkerClientAsync();

        using var start = await PostAsync(worker, WorkerApiRoutes.Start(jobId), ticket, new JobStartRequest("gpu-1/42"));
        using var progress = await PostAsync(worker, WorkerApiRoutes.Progress(jobId), ticket, new JobProgressRequest("UniformPass", 2, 5));
        var stored = await JobAsync(jobId);
        using var complete = await PostAsync(worker, WorkerApiRoutes.Complete(jobId), ticket, Completion(jobId));
        using var late = await PostAsync(worker, WorkerApiRoutes.Progress(jobId), ticket, new JobProgressRequest("Findings", 5, 5));

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, progress.StatusCode);
        Assert.Equal(("UniformPass", 2, 5, "gpu-1/42"), (stored.Stage, stored.FieldsDone, stored.FieldsTotal, stored.Worker));
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        Assert.Equal(AnalysisJobStatus.Completed, (await JobAsync(jobId)).Status);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task WorkerToken_WrongTicket_GetsNotFound()
    {
        var (jobId, _) = await RunningJobAsync();
        var (otherJobId, otherTicket) = await RunningJobAsync();
        var worker = await WorkerClientAsync();

        using var wrong = await PostAsync(worker, WorkerApiRoutes.Start(jobId), otherTicket, new JobStartRequest("w"));
        using var missing = await PostAsync(worker, WorkerApiRoutes.Complete(jobId), ticket: null, Completion(jobId));

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(AnalysisJobStatus.Running, (await JobAsync(jobId)).Status);
        Assert.Equal(AnalysisJobStatus.Running, (await JobAsync(otherJobId)).Status);
    }

    [Fact]
    public async Task People_WithTicket_AreRefused()
    {
        var (jobId, ticket) = await RunningJobAsync();
        var pathologist = await factory.PathologistAsync();
        var tokens = await factory.SignInWithCodeAsync(pathologist);

        using var cookie = await PostAsync(pathologist.Client, WorkerApiRoutes.Complete(jobId), ticket, Completion(jobId));
        using var bearer = await PostAsync(factory.CreateBearerClient(tokens.AccessToken), WorkerApiRoutes.Complete(jobId), ticket, Completion(jobId));
        using var anonymous = await PostAsync(factory.CreatePlainClient(), WorkerApiRoutes.Complete(jobId), ticket, Completion(jobId));

        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(AnalysisJobStatus.Running, (await JobAsync(jobId)).Status);
    }

    [Fact]
    public async Task Complete_ForeignResultFolder_IsRejected()
    {
        var (jobId, ticket) = await RunningJobAsync();
        var worker = await WorkerClientAsync();
        var completion = Completion(jobId) with { ResultFolder = "../keys" };

        using var response = await PostAsync(worker, WorkerApiRoutes.Complete(jobId), ticket, completion);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AnalysisJobStatus.Running, (await JobAsync(jobId)).Status);
    }

    /// <summary>
    /// Stores a job that a remote worker runs. Running, because the host's own worker takes only queued jobs, and
    /// of a slide id outside the catalogue, because no test here reads its results.
    /// </summary>
    private async Task<(Guid JobId, string Ticket)> RunningJobAsync()
    {
        var (ticket, hash) = JobTickets.Create();
        var job = new AnalysisJob
        {
            SlideId = "remote-slide",
            SlideFileName = "remote-slide.svs",
            Status = AnalysisJobStatus.Running,
            TicketHash = hash,
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        database.AnalysisJobs.Add(job);
        await database.SaveChangesAsync();
        return (job.Id, ticket);
    }

    private async Task<AnalysisJob> JobAsync(Guid jobId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        return await database.AnalysisJobs.AsNoTracking().SingleAsync(job => job.Id == jobId);
    }

    private async Task<HttpClient> WorkerClientAsync()
    {
        var response = await factory.ClientCredentialsAsync(factory.WorkerSecret);
        var tokens = await TokenResponse.ReadSuccessAsync(response);
        return factory.CreateBearerClient(tokens.AccessToken);
    }

    private static JobCompletionRequest Completion(Guid jobId) =>
        new(ResultFolders.NameOf(jobId), 0, "hrnet_w18", "1", new string('0', 64), "CPU");

    private static Task<HttpResponseMessage> PostAsync<TBody>(HttpClient client, string path, string? ticket, TBody body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ticket is not null)
        {
            request.Headers.Add(WorkerApiRoutes.TicketHeader, ticket);
        }

        return client.SendAsync(request);
    }
}
