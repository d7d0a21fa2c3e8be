using BladderLnAi.Data.Cases;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Data.Teaching;

/// <summary>Database mapping of case sets, assignments, attempts and marks.</summary>
internal static class TeachingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        var set = modelBuilder.Entity<CaseSet>();
        set.Property(s => s.Name).HasMaxLength(200);
        set.Property(s => s.Description).HasMaxLength(2000);
        set.Property(s => s.CreatedByUserId).HasMaxLength(450);
        set.Property(s => s.CreatedByName).HasMaxLength(256);
        set.HasIndex(s => s.SiteId);
        set.HasOne<Sites.Site>().WithMany().HasForeignKey(s => s.SiteId);
        set.HasMany(s => s.Cases).WithOne().HasForeignKey(c => c.CaseSetId);
        set.HasMany(s => s.Assignments).WithOne().HasForeignKey(a => a.CaseSetId);

        var setCase = modelBuilder.Entity<CaseSetCase>();
        setCase.Property(c => c.LearningNotes).HasMaxLength(4000);
        setCase.HasIndex(c => new { c.CaseSetId, c.CaseId }).IsUnique();
        setCase.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);

        var assignment = modelBuilder.Entity<CaseSetAssignment>();
        assignment.Property(a => a.ResidentUserId).HasMaxLength(450);
        assignment.Property(a => a.ResidentName).HasMaxLength(256);
        assignment.Property(a => a.AssignedByUserId).HasMaxLength(450);
        assignment.HasIndex(a => a.ResidentUserId);

        var attempt = modelBuilder.Entity<TeachingAttempt>();
        attempt.Property(a => a.ResidentUserId).HasMaxLength(450);
        attempt.Ignore(a => a.IsSubmitted);
        attempt.HasIndex(a => new { a.AssignmentId, a.CaseSetCaseId }).IsUnique();
        attempt.HasIndex(a => a.ResidentUserId);
        attempt.HasOne<CaseSetAssignment>().WithMany().HasForeignKey(a => a.AssignmentId);
        attempt.HasOne<CaseSetCase>().WithMany().HasForeignKey(a => a.CaseSetCaseId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasMany(a => a.Marks).WithOne().HasForeignKey(m => m.AttemptId);
        attempt.HasMany(a => a.SlideTimes).WithOne().HasForeignKey(t => t.AttemptId);

        var mark = modelBuilder.Entity<AttemptMark>();
        mark.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        mark.Property(m => m.SizeClass).HasMaxLength(10);
        mark.HasOne<CaseSlide>().WithMany().HasForeignKey(m => m.CaseSlideId).OnDelete(DeleteBehavior.Restrict);

        var slideTime = modelBuilder.Entity<AttemptSlideTime>();
        slideTime.HasKey(t => new { t.AttemptId, t.CaseSlideId });
    }
}
