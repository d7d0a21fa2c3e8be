using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Data.Migrating;

/// <summary>
/// Brings a database to the current schema with EF Core migrations. A SQLite file that an older version created
/// without migrations is upgraded by copying its rows into a new migrated file, and the old file is kept.
/// </summary>
public sealed partial class DatabaseMigrator(ILogger<DatabaseMigrator> logger)
{
    /// <summary>Suffix of the file that keeps a SQLite database as it was before its upgrade to migrations.</summary>
    public const string PreMigrationSuffix = ".pre-migrations";

    /// <exception cref="InvalidOperationException">
    /// A PostgreSQL database contains the product's tables but no migrations history.
    /// </exception>
    public async Task MigrateAsync(BladderLnAiDbContext database, CancellationToken cancellationToken)
    {
        if (await IsUnmigratedAsync(database, cancellationToken))
        {
            if (!database.Database.IsSqlite())
            {
                throw new InvalidOperationException(
                    "The PostgreSQL database contains BladderLnAi tables but no EF Core migrations history, so its "
                    + "schema version is unknown. Move its data with 'bladderln db copy' into an empty database.");
            }

            await UpgradeUnmigratedSqliteAsync(database, cancellationToken);
        }

        var pending = (await database.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            Log.Applying(logger, pending.Count, string.Join(", ", pending));
        }

        // EF Core takes a database lock while migrating, so hosts that start together apply each migration once.
        await database.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Returns whether the database contains the product's tables but no migrations history.</summary>
    private static async Task<bool> IsUnmigratedAsync(BladderLnAiDbContext database, CancellationToken cancellationToken)
    {
        if (!await database.Database.CanConnectAsync(cancellationToken))
        {
            return false;
        }

        var history = database.GetService<IHistoryRepository>();
        if (await history.ExistsAsync(cancellationToken))
        {
            return false;
        }

        var sql = database.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'AnalysisJobs'"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_name = 'AnalysisJobs'";
        var tables = await database.Database.SqlQueryRaw<int>(sql).SingleAsync(cancellationToken);
        return tables > 0;
    }

    /// <summary>
    /// Creates a migrated file beside the old one, copies every column that both schemas share, table by table,
    /// and swaps the files. The old file stays as <c>NAME.pre-migrations</c>.
    /// </summary>
    private async Task UpgradeUnmigratedSqliteAsync(BladderLnAiDbContext database, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(database.Database.GetConnectionString()).DataSource;
        var upgraded = path + ".migrating";
        var kept = path + PreMigrationSuffix;
        Log.UpgradingUnmigrated(logger, path, kept);
        File.Delete(upgraded);

        var options = new DbContextOptionsBuilder<BladderLnAiDbContext>()
            .UseSqlite($"Data Source={upgraded}", sqlite => sqlite.MigrationsAssembly(DatabaseServiceExtensions.SqliteMigrationsAssembly))
            .UseOpenIddict()
            .Options;
        await using (var target = new BladderLnAiDbContext(options))
        {
            await target.Database.MigrateAsync(cancellationToken);
        }

        var copied = await SqliteTableCopy.CopySharedColumnsAsync(path, upgraded, cancellationToken);
        foreach (var (table, rows) in copied)
        {
            Log.TableCopied(logger, table, rows);
        }

        SqliteConnection.ClearAllPools();
        File.Move(path, kept, overwrite: false);
        File.Move(upgraded, path);
        Log.Upgraded(logger, path, kept);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Applying {Count} database migrations: {Migrations}")]
        public static partial void Applying(ILogger logger, int count, string migrations);

        [LoggerMessage(EventId = 901, Level = LogLevel.Warning,
            Message = "SQLite database {Path} was created without migrations; copying it into a migrated database and keeping the old file as {KeptPath}")]
        public static partial void UpgradingUnmigrated(ILogger logger, string path, string keptPath);

        [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "Copied {Rows} rows of table {Table}")]
        public static partial void TableCopied(ILogger logger, string table, long rows);

        [LoggerMessage(EventId = 903, Level = LogLevel.Warning,
            Message = "Upgraded SQLite database {Path} to migrations; the file as it was is kept as {KeptPath}")]
        public static partial void Upgraded(ILogger logger, string path, string keptPath);
    }
}
