using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Data;

public static class DatabaseServiceExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="BladderLnAiDbContext"/> factory for SQLite or PostgreSQL.
    /// </summary>
    /// <param name="defaultSqlitePath">SQLite file used when no connection string is configured.</param>
    public static IServiceCollection AddBladderLnAiDatabase(
        this IServiceCollection services,
        DatabaseOptions options,
        string defaultSqlitePath)
    {
        services.AddDbContextFactory<BladderLnAiDbContext>(builder => Configure(builder, options, defaultSqlitePath));
        return services;
    }

    /// <summary>Assembly with the SQLite migrations (<c>src/BladderLnAi.Data.Sqlite</c>).</summary>
    public const string SqliteMigrationsAssembly = "BladderLnAi.Data.Sqlite";

    /// <summary>Assembly with the PostgreSQL migrations (<c>src/BladderLnAi.Data.PostgreSql</c>).</summary>
    public const string PostgreSqlMigrationsAssembly = "BladderLnAi.Data.PostgreSql";

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string defaultSqlitePath)
    {
        switch (options.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var connection = options.ConnectionString ?? $"Data Source={defaultSqlitePath}";
                builder.UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case "postgresql":
            case "postgres":
                builder.UseNpgsql(
                    options.ConnectionString ?? throw new InvalidOperationException(
                        "Database:Provider is PostgreSQL but Database:ConnectionString is empty. "
                        + "Set it, for example 'Host=localhost;Database=bladderln;Username=bladderln;Password=...'."),
                    npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{options.Provider}' is not supported; use 'Sqlite' or 'PostgreSQL'.");
        }

        // OpenIddict keeps its applications, authorizations and tokens in the same database.
        builder.UseOpenIddict();
    }
}

