using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BladderLnAi.Data.Sqlite;

/// <summary>
/// Creates the context for <c>dotnet ef migrations add</c>, which reads the model and opens no connection. The
/// hosts configure the provider in <see cref="DatabaseServiceExtensions.Configure"/>.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<BladderLnAiDbContext>
{
    public BladderLnAiDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<BladderLnAiDbContext>();
        DatabaseServiceExtensions.Configure(
            builder,
            new DatabaseOptions { Provider = "Sqlite", ConnectionString = "Data Source=design-time.db" },
            defaultSqlitePath: "");
        return new BladderLnAiDbContext(builder.Options);
    }
}
