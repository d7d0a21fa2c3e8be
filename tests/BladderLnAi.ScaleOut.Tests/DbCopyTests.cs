using BladderLnAi.Cli;
using BladderLnAi.Data.Migrating;
using BladderLnAi.Tests;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BladderLnAi.ScaleOut.Tests;

/// <summary>
/// <c>bladderln db copy</c> from the cluster's PostgreSQL database to a SQLite file and back into a new PostgreSQL
/// database: every row of every table comes back unchanged.
/// </summary>
[Collection(ScaleOutCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class DbCopyTests(ScaleOutCluster cluster)
{
    [ScaleOutFact]
    public async Task DbCopy_PostgresToSqliteAndBack_KeepsEveryRow()
    {
        var directory = TestPaths.NewTempDirectory("db-copy");
        var sqlite = Path.Combine(directory, "copy.db");
        var roundTrip = $"bladderln_copy_{Guid.NewGuid():N}";
        var roundTripConnection = $"{ScaleOutServers.PostgreSql};Database={roundTrip}";
        try
        {
            // Arrange: a sign-in writes audit entries, so that no table this test checks is empty.
            await cluster.SignInAsync(0);

            // Act
            var (toSqlite, toSqliteOutput) = await RunAsync("db", "copy", "--from", $"postgres:{cluster.DatabaseConnectionString}", "--to", $"sqlite:{sqlite}");
            var (back, backOutput) = await RunAsync("db", "copy", "--from", $"sqlite:{sqlite}", "--to", $"postgres:{roundTripConnection}");

            // Assert
            Assert.True(toSqlite == CommandLine.Success, toSqliteOutput);
            Assert.True(back == CommandLine.Success, backOutput);
            Assert.Contains("tables match", backOutput);
            var original = await TableRowsAsync(cluster.DatabaseConnectionString);
            var copied = await TableRowsAsync(roundTripConnection);
            Assert.Equal(original.Keys.Order(), copied.Keys.Order());
            foreach (var table in new[] { "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "Sites", "SiteMemberships", "OpenIddictApplications", "AuditEntries" })
            {
                Assert.True(original[table].Count > 0, $"The cluster's table {table} is empty, so the copy proves nothing for it.");
            }

            foreach (var (table, rows) in original)
            {
                Assert.True(rows.SequenceEqual(copied[table]), $"Table {table} differs after the round trip:\n{backOutput}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            await using var connection = new NpgsqlConnection(ScaleOutServers.PostgreSql + ";Database=postgres");
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{roundTrip}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [ScaleOutFact]
    public async Task DbCopy_IntoNonEmptyDatabase_Fails()
    {
        var directory = TestPaths.NewTempDirectory("db-copy");
        try
        {
            var sqlite = Path.Combine(directory, "copy.db");
            await RunAsync("db", "copy", "--from", $"postgres:{cluster.DatabaseConnectionString}", "--to", $"sqlite:{sqlite}");

            var (again, output) = await RunAsync("db", "copy", "--from", $"postgres:{cluster.DatabaseConnectionString}", "--to", $"sqlite:{sqlite}");

            Assert.Equal(CommandLine.Failure, again);
            Assert.Contains("already contains rows", output);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var exitCode = await CommandLine.RunAsync(arguments, output, output);
        return (exitCode, output.ToString());
    }

    /// <summary>Returns every row of every product table as JSON text, in a fixed order, per table.</summary>
    private static async Task<Dictionary<string, List<string>>> TableRowsAsync(string connectionString)
    {
        var tables = new Dictionary<string, List<string>>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            + "AND table_type = 'BASE TABLE' AND table_name NOT LIKE '__EFMigrations%'",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            var rows = new List<string>();
            await using var select = new NpgsqlCommand($"SELECT row_to_json(t)::text AS row FROM \"{name}\" t ORDER BY 1", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            tables[name] = rows;
        }

        return tables;
    }
}
