namespace BladderLnAi.Data;

/// <summary>Which database engine to use and how to reach it (configuration section <c>Database</c>).</summary>
public sealed record DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (the embedded default) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; init; } = "Sqlite";

    /// <summary>Connection string. Defaults to a SQLite file in the data folder.</summary>
    public string? ConnectionString { get; init; }
}
