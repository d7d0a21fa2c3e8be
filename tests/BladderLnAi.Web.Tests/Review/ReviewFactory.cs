using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;

namespace BladderLnAi.Web.Tests.Review;

/// <summary>The real host with an upload limit of 1 MB, so that the 1.9 MB sample slide is too large to upload.</summary>
public class ReviewFactory : BladderLnAiFactory
{
    public const int UploadLimitMegabytes = 1;

    public HubConnection CreateCaseHubConnection(SignedInAccount account) =>
        new HubConnectionBuilder()
            .WithUrl(
                new Uri(Server.BaseAddress, "hubs/cases"),
                options =>
                {
                    options.HttpMessageHandlerFactory = _ => new CookieContainerHandler(account.Cookies) { InnerHandler = Server.CreateHandler() };
                    options.Transports = HttpTransportType.LongPolling;
                })
            .Build();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Review:MaxUploadMegabytes", UploadLimitMegabytes.ToString());
    }
}

/// <summary>The real host with <c>Review:AllowSelfConfirmation</c> on, for sites with one senior pathologist.</summary>
public sealed class SelfConfirmationFactory : ReviewFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Review:AllowSelfConfirmation", "true");
    }
}
