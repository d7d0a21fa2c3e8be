using BladderLnAi.Data;
using BladderLnAi.Data.Audit;
using BladderLnAi.Data.Migrating;
using BladderLnAi.Data.Sites;
using BladderLnAi.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BladderLnAi.Web.Tests.Integration;

/// <summary>
/// EF Core migrations on SQLite: a new file is created by migrations, and a file that an older version made with
/// EnsureCreated keeps all its rows after the upgrade.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatabaseMigrationTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("migrations");

    private string DatabasePath => Path.Combine(_directory, "bladderln.db");

    [Fact]
    public async Task Migrate_NewFile_AppliesEveryMigration()
    {
        await using var database = Migrated();

        await new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(database, CancellationToken.None);

        Assert.Empty(await database.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await database.Database.GetAppliedMigrationsAsync());
        Assert.False(File.Exists(DatabasePath + DatabaseMigrator.PreMigrationSuffix), "A new file needs no upgrade copy.");
    }

    [Fact]
    public async Task Migrate_EnsureCreatedFile_KeepsRows()
    {
        // Arrange: a file as an older version made it, without migrations history and without the newest columns.
        await using (var legacy = new BladderLnAiDbContext(new DbContextOptionsBuilder<BladderLnAiDbContext>()
            .UseSqlite($"Data Source={DatabasePath}").UseOpenIddict().Options))
        {
            await legacy.Database.EnsureCreatedAsync();
            legacy.Sites.Add(new Site { Name = "Legacy hospital", Code = "LEGACY" });
            legacy.AuditEntries.Add(new AuditEntry { Action = "sign-in", UserName = "old-user", TimestampUtc = DateTime.UtcNow });
            await legacy.SaveChangesAsync();
            await legacy.Database.ExecuteSqlRawAsync("ALTER TABLE \"AnalysisJobs\" DROP COLUMN \"TicketHash\"");
        }

        SqliteConnection.ClearAllPools();

        // Act
        await using (var database = Migrated())
        {
            await new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(database, CancellationToken.None);
        }

        // Assert
        await using var upgraded = Migrated();
        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        Assert.Equal("Legacy hospital", (await upgraded.Sites.SingleAsync()).Name);
        Assert.Equal("old-user", (await upgraded.AuditEntries.SingleAsync()).UserName);
        Assert.Equal(0, await upgraded.AnalysisJobs.CountAsync(job => job.TicketHash != null));
        Assert.True(File.Exists(DatabasePath + DatabaseMigrator.PreMigrationSuffix), "The file as it was is not kept.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private BladderLnAiDbContext Migrated()
    {
        var builder = new DbContextOptionsBuilder<BladderLnAiDbContext>();
        DatabaseServiceExtensions.Configure(builder, new DatabaseOptions(), DatabasePath);
        return new BladderLnAiDbContext(builder.Options);
    }
}
