using BladderLnAi.Data.Jobs;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Data;

/// <summary>The product's database: SQLite by default, PostgreSQL in production.</summary>
public sealed class BladderLnAiDbContext(DbContextOptions<BladderLnAiDbContext> options) : DbContext(options)
{
    public DbSet<AnalysisJob> AnalysisJobs => Set<AnalysisJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var job = modelBuilder.Entity<AnalysisJob>();
        job.HasKey(j => j.Id);
        job.Property(j => j.SlideId).HasMaxLength(100);
        job.Property(j => j.SlideFileName).HasMaxLength(260);
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        job.Property(j => j.Stage).HasMaxLength(40);
        job.Property(j => j.RequestedBy).HasMaxLength(256);
        job.Property(j => j.Error).HasMaxLength(4000);
        job.Property(j => j.ResultFolder).HasMaxLength(260);
        job.Property(j => j.ModelName).HasMaxLength(100);
        job.Property(j => j.ModelVersion).HasMaxLength(100);
        job.Property(j => j.ModelSha256).HasMaxLength(64);
        job.Property(j => j.ExecutionProvider).HasMaxLength(20);
        job.Property(j => j.Version).IsConcurrencyToken();
        job.Ignore(j => j.IsFinished);
        job.HasIndex(j => new { j.Status, j.CreatedUtc });
        job.HasIndex(j => new { j.SlideId, j.CreatedUtc });
    }
}
