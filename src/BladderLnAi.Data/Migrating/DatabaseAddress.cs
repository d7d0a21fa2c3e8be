using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Data.Migrating;

/// <summary>
/// A database named on the command line: <c>sqlite:PATH</c> for a SQLite file, or <c>postgres:CONNECTION</c>
/// with an Npgsql connection string such as <c>Host=db;Database=bladderln;Username=bladderln;Password=...</c>.
/// </summary>
public sealed record DatabaseAddress(DatabaseOptions Options, string Display)
{
    /// <exception cref="ArgumentException">The text names no supported provider.</exception>
    public static DatabaseAddress Parse(string text)
    {
        var colon = text.IndexOf(':');
        var scheme = colon < 0 ? "" : text[..colon].ToLowerInvariant();
        var rest = colon < 0 ? "" : text[(colon + 1)..];
        if (rest.Length == 0)
        {
            throw new ArgumentException(
                $"Database '{text}' is invalid; use sqlite:PATH or postgres:CONNECTION-STRING.", nameof(text));
        }

        return scheme switch
        {
            "sqlite" => new DatabaseAddress(
                new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.GetFullPath(rest)}" },
                $"SQLite {Path.GetFullPath(rest)}"),
            "postgres" or "postgresql" => new DatabaseAddress(
                new DatabaseOptions { Provider = "PostgreSQL", ConnectionString = rest },
                $"PostgreSQL {HidePassword(rest)}"),
            _ => throw new ArgumentException(
                $"Database '{scheme}:' is not supported; use sqlite:PATH or postgres:CONNECTION-STRING.", nameof(text)),
        };
    }

    /// <summary>Creates a context on this database; the caller disposes it.</summary>
    public BladderLnAiDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<BladderLnAiDbContext>();
        DatabaseServiceExtensions.Configure(builder, Options, defaultSqlitePath: "");
        return new BladderLnAiDbContext(builder.Options);
    }

    private static string HidePassword(string connectionString) => string.Join(
        ';',
        connectionString.Split(';').Select(part =>
            part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part));
}
