using BladderLnAi.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using BladderLnAi.Data.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;

namespace BladderLnAi.Web.Tests.Integration;

/// <summary>
/// Starts the real web host in memory over the real sample slides, the bundled model and a SQLite file in a
/// fresh data folder.
/// </summary>
public class BladderLnAiFactory : WebApplicationFactory<Program>
{
    public BladderLnAiFactory()
        : this(TestPaths.NewTempDirectory("web"))
    {
    }

    private BladderLnAiFactory(string dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    private readonly object _accountGate = new();
    private readonly Dictionary<(string Role, string Site), Task<SignedInAccount>> _accounts = [];
    private Task<SignedInAccount>? _pathologist;

    public string DataDirectory { get; }

    /// <summary>Creates a host over an existing data folder, as a restarted server would see it.</summary>
    public static BladderLnAiFactory ForDataDirectory(string dataDirectory) => new(dataDirectory);

    public string DatabasePath => Path.Combine(DataDirectory, "bladderln.db");

    /// <summary>
    /// Connects a SignalR client to the analysis hub through the in-memory server (long polling), signed in with
    /// the account's cookie when one is given.
    /// </summary>
    public HubConnection CreateHubConnection(SignedInAccount? account = null) =>
        new HubConnectionBuilder()
            .WithUrl(
                new Uri(Server.BaseAddress, "hubs/analysis"),
                options =>
                {
                    options.HttpMessageHandlerFactory = _ => account is null
                        ? Server.CreateHandler()
                        : new CookieContainerHandler(account.Cookies) { InnerHandler = Server.CreateHandler() };
                    options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                })
            .Build();

    /// <summary>Returns one pathologist of the primary site, signed in once per host.</summary>
    public Task<SignedInAccount> PathologistAsync()
    {
        lock (_accountGate)
        {
            return _pathologist ??= SignInAsync();
        }
    }

    /// <summary>Returns one signed-in account per role and site, created on first use.</summary>
    public Task<SignedInAccount> AccountAsync(string role, string siteCode)
    {
        lock (_accountGate)
        {
            if (!_accounts.TryGetValue((role, siteCode), out var account))
            {
                account = SignInAsync(role, siteCode);
                _accounts[(role, siteCode)] = account;
            }

            return account;
        }
    }

    /// <summary>Creates an account with one role on a site (created when missing) and signs it in through the sign-in form.</summary>
    public Task<SignedInAccount> SignInAsync(string role = Roles.Pathologist, string siteCode = TestSites.Primary) =>
        TestAccounts.SignInAsync(this, role, siteCode);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(TestPaths.RepositoryRoot);
        builder.UseEnvironment("Testing");

        // UseSetting reaches the configuration that Program reads before Build; ConfigureAppConfiguration
        // would be applied too late for the services registered from it.
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Slides:Folders:0", TestPaths.SampleSlides);
        builder.UseSetting("Analysis:ModelDirectory", TestPaths.ModelDirectory);
        builder.UseSetting("Analysis:Device", "Cpu");

        // Tests sign in many accounts from the one loopback address; the limit itself is tested with a lower value.
        builder.UseSetting("Identity:SignInAttemptsPerWindow", "100000");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackClientAddress>());
    }
}

/// <summary>
/// Gives in-memory requests the loopback client address that a real connection would have, because the test
/// server leaves it empty and the audit log records it.
/// </summary>
internal sealed class LoopbackClientAddress : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
