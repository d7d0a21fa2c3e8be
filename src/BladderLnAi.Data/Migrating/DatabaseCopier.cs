using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BladderLnAi.Data.Migrating;

/// <summary>Rows of one table in the source and the target after a copy.</summary>
public sealed record TableCount(string Table, long SourceRows, long TargetRows)
{
    public bool Matches => SourceRows == TargetRows;
}

/// <summary>
/// Copies every row of every table of the model from one migrated database into an empty migrated one: accounts,
/// roles, OpenIddict clients and tokens, sites, jobs, the audit log and whatever else the model maps. The copy goes
/// through EF Core, so the two databases may use different providers.
/// </summary>
public static class DatabaseCopier
{
    private const int BatchSize = 500;

    private static readonly MethodInfo CopyTableMethod =
        typeof(DatabaseCopier).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Copies all rows and returns the row counts of both databases per table.</summary>
    /// <exception cref="InvalidOperationException">The target already contains rows.</exception>
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(
        Func<BladderLnAiDbContext> openSource,
        Func<BladderLnAiDbContext> openTarget,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        await using var probe = openTarget();
        var entityTypes = InsertionOrder(probe.Model);
        foreach (var entityType in entityTypes)
        {
            if (await CountAsync(probe, entityType, cancellationToken) > 0)
            {
                throw new InvalidOperationException(
                    $"The target already contains rows in table '{entityType.GetTableName()}'. Copy only into an empty "
                    + "database, so that no row is mixed with others or overwritten.");
            }
        }

        foreach (var entityType in entityTypes)
        {
            var copy = (Task<long>)CopyTableMethod.MakeGenericMethod(entityType.ClrType)
                .Invoke(null, [openSource, openTarget, entityType, cancellationToken])!;
            var rows = await copy;
            await progress.WriteLineAsync($"Copied {rows} rows of {entityType.GetTableName()}");
        }

        await ResetIdentitySequencesAsync(probe, entityTypes, cancellationToken);
        return await CountAllAsync(openSource, probe, entityTypes, cancellationToken);
    }

    /// <summary>Returns the row counts of both databases per table.</summary>
    public static async Task<IReadOnlyList<TableCount>> CountAllAsync(
        Func<BladderLnAiDbContext> openSource,
        BladderLnAiDbContext target,
        IReadOnlyList<IEntityType> entityTypes,
        CancellationToken cancellationToken)
    {
        await using var source = openSource();
        var counts = new List<TableCount>();
        foreach (var entityType in entityTypes)
        {
            counts.Add(new TableCount(
                entityType.GetTableName()!,
                await CountAsync(source, entityType, cancellationToken),
                await CountAsync(target, entityType, cancellationToken)));
        }

        return counts;
    }

    /// <summary>Returns the mapped entity types, principals before their dependents.</summary>
    public static IReadOnlyList<IEntityType> InsertionOrder(IModel model)
    {
        var remaining = model.GetEntityTypes()
            .Where(type => type.BaseType is null && !type.IsOwned() && type.GetTableName() is not null)
            .ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var ready = remaining
                .Where(type => type.GetForeignKeys()
                    .Select(key => key.PrincipalEntityType.GetRootType())
                    .All(principal => principal == type || ordered.Contains(principal)))
                .OrderBy(type => type.GetTableName(), StringComparer.Ordinal)
                .ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException(
                    "The tables "
                    + string.Join(", ", remaining.Select(type => type.GetTableName()))
                    + " reference each other in a cycle, so no insertion order exists.");
            }

            ordered.AddRange(ready);
            remaining.RemoveAll(ready.Contains);
        }

        return ordered;
    }

    private static async Task<long> CopyTableAsync<TEntity>(
        Func<BladderLnAiDbContext> openSource,
        Func<BladderLnAiDbContext> openTarget,
        IEntityType entityType,
        CancellationToken cancellationToken)
        where TEntity : class
    {
        await using var source = openSource();
        var target = openTarget();
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        var shadowProperties = entityType.GetProperties().Where(property => property.IsShadowProperty()).ToList();
        var timeProperties = entityType.GetProperties()
            .Where(property => !property.IsShadowProperty())
            .Where(property => IsTime(Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType))
            .ToList();
        long rows = 0;
        try
        {
            // A tracking query, because only the change tracker contains the values of shadow foreign keys.
            await foreach (var entity in source.Set<TEntity>().IgnoreAutoIncludes().AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                // Written to the object itself, because EF Core compares DateTime values without their kind and
                // would drop the change of kind as no change.
                foreach (var property in timeProperties)
                {
                    property.PropertyInfo?.SetValue(entity, AsUtc(property.PropertyInfo.GetValue(entity)));
                }

                var from = source.Entry(entity);
                var to = target.Entry(entity);
                to.State = EntityState.Added;
                foreach (var property in shadowProperties)
                {
                    to.Property(property.Name).CurrentValue = from.Property(property.Name).CurrentValue;
                }

                rows++;
                if (rows % BatchSize == 0)
                {
                    await target.SaveChangesAsync(cancellationToken);
                    await target.DisposeAsync();
                    target = openTarget();
                    target.ChangeTracker.AutoDetectChangesEnabled = false;
                    source.ChangeTracker.Clear();
                }
            }

            await target.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            await target.DisposeAsync();
        }

        return rows;
    }

    private static bool IsTime(Type type) => type == typeof(DateTime) || type == typeof(DateTimeOffset);

    /// <summary>
    /// Marks times read without a kind as UTC, which every time the product stores is, because PostgreSQL's
    /// <c>timestamp with time zone</c> accepts only UTC values from Npgsql.
    /// </summary>
    private static object? AsUtc(object? value) => value switch
    {
        DateTime { Kind: DateTimeKind.Unspecified } time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTime { Kind: DateTimeKind.Local } time => time.ToUniversalTime(),
        DateTimeOffset time => time.ToUniversalTime(),
        _ => value,
    };

    private static Task<long> CountAsync(BladderLnAiDbContext database, IEntityType entityType, CancellationToken cancellationToken)
    {
        var table = database.Database.IsNpgsql()
            ? $"\"{entityType.GetSchema() ?? "public"}\".\"{entityType.GetTableName()}\""
            : $"\"{entityType.GetTableName()}\"";

        // The table name comes from the EF Core model, never from input.
        var sql = "SELECT COUNT(*) AS \"Value\" FROM " + table;
        return database.Database.SqlQueryRaw<long>(sql).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Moves PostgreSQL identity sequences past the copied keys, because rows inserted with explicit keys do not
    /// advance them and the next insert would reuse a key.
    /// </summary>
    private static async Task ResetIdentitySequencesAsync(
        BladderLnAiDbContext target,
        IReadOnlyList<IEntityType> entityTypes,
        CancellationToken cancellationToken)
    {
        if (!target.Database.IsNpgsql())
        {
            return;
        }

        foreach (var entityType in entityTypes)
        {
            var table = entityType.GetTableName()!;
            var identity = entityType.FindPrimaryKey()?.Properties
                .Where(property => property.ValueGenerated == ValueGenerated.OnAdd)
                .Where(property => property.ClrType == typeof(int) || property.ClrType == typeof(long));
            foreach (var property in identity ?? [])
            {
                var column = property.GetColumnName();
                var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                    + $"COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)";
                await target.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
        }
    }
}
