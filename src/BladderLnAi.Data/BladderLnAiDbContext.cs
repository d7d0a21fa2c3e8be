using BladderLnAi.Data.Audit;
using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Data.Sites;
using BladderLnAi.Data.Teaching;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Data;

/// <summary>The product's database: SQLite by default, PostgreSQL in production.</summary>
public sealed class BladderLnAiDbContext(DbContextOptions<BladderLnAiDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<AnalysisJob> AnalysisJobs => Set<AnalysisJob>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<SiteSlideFolder> SiteSlideFolders => Set<SiteSlideFolder>();

    public DbSet<SiteMembership> SiteMemberships => Set<SiteMembership>();

    public DbSet<SlideShare> SlideShares => Set<SlideShare>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseSlide> CaseSlides => Set<CaseSlide>();

    public DbSet<LymphNode> LymphNodes => Set<LymphNode>();

    public DbSet<LymphNodeSlide> LymphNodeSlides => Set<LymphNodeSlide>();

    public DbSet<CaseFinding> CaseFindings => Set<CaseFinding>();

    public DbSet<CaseSnapshot> CaseSnapshots => Set<CaseSnapshot>();

    public DbSet<CaseSet> CaseSets => Set<CaseSet>();

    public DbSet<CaseSetCase> CaseSetCases => Set<CaseSetCase>();

    public DbSet<CaseSetAssignment> CaseSetAssignments => Set<CaseSetAssignment>();

    public DbSet<TeachingAttempt> TeachingAttempts => Set<TeachingAttempt>();

    public DbSet<AttemptMark> AttemptMarks => Set<AttemptMark>();

    /// <exception cref="InvalidOperationException">An audit entry was changed or deleted.</exception>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RejectAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <exception cref="InvalidOperationException">An audit entry was changed or deleted.</exception>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RejectAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ConfigureJobs(modelBuilder);
        ConfigureSites(modelBuilder);
        ConfigureAudit(modelBuilder);
        CaseModel.Configure(modelBuilder);
        TeachingModel.Configure(modelBuilder);
    }

    private void RejectAuditChanges()
    {
        var changed = ChangeTracker.Entries<AuditEntry>()
            .FirstOrDefault(entry => entry.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new InvalidOperationException(
                $"Audit entry {changed.Entity.Id} cannot be {changed.State.ToString().ToLowerInvariant()}: the audit log is append-only.");
        }
    }

    private static void ConfigureJobs(ModelBuilder modelBuilder)
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
        job.Property(j => j.Worker).HasMaxLength(200);
        job.Property(j => j.TicketHash).HasMaxLength(64);
        job.Property(j => j.Version).IsConcurrencyToken();
        job.Ignore(j => j.IsFinished);
        job.HasIndex(j => new { j.Status, j.CreatedUtc });
        job.HasIndex(j => new { j.SlideId, j.CreatedUtc });
    }

    private static void ConfigureSites(ModelBuilder modelBuilder)
    {
        var site = modelBuilder.Entity<Site>();
        site.Property(s => s.Name).HasMaxLength(200);
        site.Property(s => s.Code).HasMaxLength(40);
        site.HasIndex(s => s.Code).IsUnique();
        site.HasMany(s => s.SlideFolders).WithOne().HasForeignKey(f => f.SiteId);
        modelBuilder.Entity<SiteSlideFolder>().Property(f => f.Path).HasMaxLength(1000);

        var membership = modelBuilder.Entity<SiteMembership>();
        membership.HasKey(m => new { m.UserId, m.SiteId });
        membership.HasOne(m => m.User).WithMany(u => u.Sites).HasForeignKey(m => m.UserId);
        membership.HasOne(m => m.Site).WithMany(s => s.Members).HasForeignKey(m => m.SiteId);

        var share = modelBuilder.Entity<SlideShare>();
        share.Property(s => s.SlideId).HasMaxLength(100);
        share.HasIndex(s => new { s.SharedWithUserId, s.SlideId });
    }

    private static void ConfigureAudit(ModelBuilder modelBuilder)
    {
        var audit = modelBuilder.Entity<AuditEntry>();
        audit.Property(a => a.Action).HasMaxLength(60);
        audit.Property(a => a.UserName).HasMaxLength(256);
        audit.Property(a => a.ObjectType).HasMaxLength(60);
        audit.Property(a => a.ObjectId).HasMaxLength(200);
        audit.Property(a => a.RemoteAddress).HasMaxLength(60);
        audit.Property(a => a.Details).HasMaxLength(4000);
        audit.HasIndex(a => new { a.ObjectType, a.ObjectId });
        audit.HasIndex(a => new { a.SiteId, a.TimestampUtc });
    }
}
