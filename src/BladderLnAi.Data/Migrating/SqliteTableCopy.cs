using Microsoft.Data.Sqlite;

namespace BladderLnAi.Data.Migrating;

/// <summary>Copies rows between two SQLite files with <c>ATTACH DATABASE</c>, column by column name.</summary>
internal static class SqliteTableCopy
{
    /// <summary>
    /// Copies every row of every table of <paramref name="sourcePath"/> that the target also has, in the columns
    /// that both have, in one transaction. Columns only the target has get their defaults. Returns the rows copied
    /// per table.
    /// </summary>
    /// <exception cref="InvalidOperationException">The source has a table that the target lacks.</exception>
    public static async Task<List<(string Table, long Rows)>> CopySharedColumnsAsync(
        string sourcePath,
        string targetPath,
        CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={targetPath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA foreign_keys = OFF", cancellationToken);
        await using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS source";
            attach.Parameters.AddWithValue("$path", sourcePath);
            await attach.ExecuteNonQueryAsync(cancellationToken);
        }

        var copied = new List<(string, long)>();

        // A plain BEGIN, because Microsoft.Data.Sqlite would require every command to name a SqliteTransaction.
        await ExecuteAsync(connection, "BEGIN", cancellationToken);
        var targetTables = await TablesAsync(connection, "main", cancellationToken);
        foreach (var table in await TablesAsync(connection, "source", cancellationToken))
        {
            if (!targetTables.Contains(table))
            {
                throw new InvalidOperationException(
                    $"Table '{table}' of '{sourcePath}' does not exist in the current schema, so its rows would be lost. "
                    + "Upgrade with the version of BladderLnAi that created the file, or copy the table by hand.");
            }

            var columns = (await ColumnsAsync(connection, "source", table, cancellationToken))
                .Intersect(await ColumnsAsync(connection, "main", table, cancellationToken))
                .Select(Quote)
                .ToList();
            var list = string.Join(", ", columns);
            var rows = await ExecuteAsync(
                connection,
                $"INSERT INTO main.{Quote(table)} ({list}) SELECT {list} FROM source.{Quote(table)}",
                cancellationToken);
            copied.Add((table, rows));
        }

        await ExecuteAsync(connection, "COMMIT", cancellationToken);
        return copied;
    }

    private static async Task<HashSet<string>> TablesAsync(SqliteConnection connection, string schema, CancellationToken cancellationToken)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            + "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<List<string>> ColumnsAsync(
        SqliteConnection connection,
        string schema,
        string table,
        CancellationToken cancellationToken)
    {
        var columns = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info($table, $schema)";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$schema", schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
