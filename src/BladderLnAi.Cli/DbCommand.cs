using BladderLnAi.Data.Migrating;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Cli;

/// <summary>
/// <c>db migrate</c> brings a database to the current schema; <c>db copy</c> moves every row of an installation
/// into an empty database, such as from the embedded SQLite file to PostgreSQL, and compares the row counts.
/// </summary>
public static class DbCommand
{
    public static async Task<int> RunAsync(ParsedArguments arguments, TextWriter output, TextWriter error)
    {
        var action = arguments.Positional.FirstOrDefault();
        switch (action)
        {
            case "migrate":
                arguments.RejectUnknownOptions("database");
                await MigrateAsync(Address(arguments, "database"), output);
                return CommandLine.Success;
            case "copy":
                arguments.RejectUnknownOptions("from", "to");
                return await CopyAsync(Address(arguments, "from"), Address(arguments, "to"), output, error);
            default:
                throw new UsageException($"Unknown db action '{action}'. Use 'db migrate' or 'db copy'.");
        }
    }

    private static DatabaseAddress Address(ParsedArguments arguments, string option)
    {
        var value = arguments.Option(option) ?? throw new UsageException($"Missing --{option} sqlite:PATH or postgres:CONNECTION.");
        try
        {
            return DatabaseAddress.Parse(value);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--{option}: {ex.Message}");
        }
    }

    private static async Task MigrateAsync(DatabaseAddress address, TextWriter output)
    {
        using var loggers = CommandSupport.CreateLoggerFactory();
        var migrator = new DatabaseMigrator(loggers.CreateLogger<DatabaseMigrator>());
        await using var database = address.CreateContext();
        await migrator.MigrateAsync(database, CancellationToken.None);
        await output.WriteLineAsync($"{address.Display} is at the current schema.");
    }

    private static async Task<int> CopyAsync(DatabaseAddress from, DatabaseAddress to, TextWriter output, TextWriter error)
    {
        // Both ends get the current schema first, as a host would at start, so that every table maps the same way.
        await MigrateAsync(from, output);
        await MigrateAsync(to, output);
        await output.WriteLineAsync($"Copying {from.Display} into {to.Display}");
        var counts = await DatabaseCopier.CopyAsync(from.CreateContext, to.CreateContext, output, CancellationToken.None);

        await output.WriteLineAsync($"{"table",-40} {"source",10} {"target",10}");
        foreach (var count in counts)
        {
            await output.WriteLineAsync($"{count.Table,-40} {count.SourceRows,10} {count.TargetRows,10}{(count.Matches ? "" : "  MISMATCH")}");
        }

        var mismatches = counts.Where(count => !count.Matches).ToList();
        if (mismatches.Count > 0)
        {
            await error.WriteLineAsync(
                $"error: {mismatches.Count} tables have different row counts after the copy: "
                + string.Join(", ", mismatches.Select(count => count.Table)));
            return CommandLine.Failure;
        }

        await output.WriteLineAsync($"All {counts.Count} tables match: {counts.Sum(count => count.SourceRows)} rows copied.");
        return CommandLine.Success;
    }
}
