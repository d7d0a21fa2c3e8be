using BladderLnAi.Analysis;
using BladderLnAi.Data;
using BladderLnAi.Slides;
using BladderLnAi.Data.Migrating;
using BladderLnAi.Jobs.Running;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Configuration;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Overlays;
using BladderLnAi.Web.Observability;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace BladderLnAi.Web.Extensions;

public static class HostingExtensions
{
    /// <summary>Registers configuration, slides, the database, the analysis queue and worker, SignalR and the UI.</summary>
    public static WebApplicationBuilder AddBladderLnAiServices(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new();
        var slides = configuration.GetSection(SlideOptions.SectionName).Get<SlideOptions>() ?? new();
        var analysisHost = configuration.GetSection(AnalysisHostOptions.SectionName).Get<AnalysisHostOptions>() ?? new();
        var analysis = configuration.GetSection("Analysis:Method").Get<AnalysisOptions>() ?? new();
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        var viewer = configuration.GetSection(ViewerOptions.SectionName).Get<ViewerOptions>() ?? new();
        analysis.Validate();
        viewer.Validate();

        var paths = new AppPaths(builder.Environment.ContentRootPath, storage, analysisHost);
        Directory.CreateDirectory(paths.DataDirectory);
        Directory.CreateDirectory(paths.AnalysesDirectory);

        // Static web assets (MudBlazor, the Blazor script) are served from the build output in every environment.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddSingleton(paths);
        services.AddSingleton(slides);
        services.AddSingleton(analysisHost);
        services.AddSingleton(analysis);
        services.AddSingleton(new SlideIngestValidator());
        services.AddSingleton<SlideService>();
        services.AddBladderLnAiDatabase(database, paths.DatabasePath);
        services.AddSingleton<AnalysisEventPublisher>();
        services.AddSingleton<AnalysisJobService>();
        services.AddSingleton<AnalysisResultStore>();
        services.AddSingleton(viewer);
        services.AddSingleton<JobOverlayCache>();
        services.AddSingleton(new ModelLocation(paths.ModelDirectory, analysisHost.Device));
        services.AddSingleton<SegmentationModelProvider>();
        builder.AddAnalysisDispatch();
        builder.AddSignalRWithBackplane();

        // Keys persist in the data folder so that open pages survive a restart of the host. Web hosts behind one
        // address share the data folder, and so the keys that protect their cookies and forms.
        services.AddDataProtection()
            .SetApplicationName("BladderLnAi")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")));
        services.AddExceptionHandler<SlideExceptionHandler>();
        services.AddProblemDetails();
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddBladderLnAiIdentity();
        builder.AddBladderLnAiObservability();
        return builder;
    }

    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<BladderLnAiDbContext>>();
        await using var database = await factory.CreateDbContextAsync();

        var migrator = new DatabaseMigrator(app.Services.GetRequiredService<ILogger<DatabaseMigrator>>());
        await migrator.MigrateAsync(database, CancellationToken.None);

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoAccountSeeder>().SeedAsync();
        var siteFolders = await app.Services.GetRequiredService<SlideAccess>().AllFoldersAsync();
        app.Services.GetRequiredService<SlideService>().UseFolders(siteFolders);
    }

    public static WebApplication UseBladderLnAiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
