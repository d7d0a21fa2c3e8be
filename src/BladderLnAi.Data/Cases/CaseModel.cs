using System.Globalization;
using System.Text.Json;
using BladderLnAi.Imaging.Geometry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BladderLnAi.Data.Cases;

/// <summary>Database mapping of cases, their slides, lymph nodes, findings and snapshots.</summary>
internal static class CaseModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        var reviewCase = modelBuilder.Entity<Case>();
        reviewCase.Property(c => c.AccessionNumber).HasMaxLength(60);
        reviewCase.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        reviewCase.Property(c => c.CreatedByUserId).HasMaxLength(450);
        reviewCase.Property(c => c.SuggestedPnCategory).HasMaxLength(10);
        reviewCase.Property(c => c.PnCategory).HasMaxLength(10);
        reviewCase.Property(c => c.PnOverrideReason).HasMaxLength(2000);
        reviewCase.Property(c => c.SignedOutByUserId).HasMaxLength(450);
        reviewCase.Property(c => c.SignedOutByName).HasMaxLength(256);
        reviewCase.Property(c => c.AmendmentReason).HasMaxLength(2000);
        reviewCase.Property(c => c.UpdatedByName).HasMaxLength(256);
        reviewCase.Property(c => c.Version).IsConcurrencyToken();
        reviewCase.HasIndex(c => new { c.SiteId, c.AccessionNumber }).IsUnique();
        reviewCase.HasIndex(c => new { c.SiteId, c.Status });
        reviewCase.HasOne<Sites.Site>().WithMany().HasForeignKey(c => c.SiteId);
        reviewCase.HasMany(c => c.Slides).WithOne().HasForeignKey(s => s.CaseId);
        reviewCase.HasMany(c => c.LymphNodes).WithOne().HasForeignKey(n => n.CaseId);
        reviewCase.HasMany(c => c.Findings).WithOne().HasForeignKey(f => f.CaseId);
        reviewCase.HasMany(c => c.Snapshots).WithOne().HasForeignKey(s => s.CaseId);

        var slide = modelBuilder.Entity<CaseSlide>();
        slide.Property(s => s.SlideId).HasMaxLength(100);
        slide.Property(s => s.FileName).HasMaxLength(260);
        slide.Property(s => s.Source).HasConversion<string>().HasMaxLength(20);
        slide.Property(s => s.AddedByUserId).HasMaxLength(450);
        slide.HasIndex(s => new { s.CaseId, s.SlideId }).IsUnique();
        slide.HasIndex(s => s.SlideId);
        slide.HasMany(s => s.LymphNodes).WithOne().HasForeignKey(link => link.CaseSlideId);

        var node = modelBuilder.Entity<LymphNode>();
        node.Property(n => n.Label).HasMaxLength(60);
        node.Property(n => n.Station).HasConversion<string>().HasMaxLength(30);
        node.HasIndex(n => new { n.CaseId, n.Label }).IsUnique();
        node.HasMany(n => n.Slides).WithOne().HasForeignKey(link => link.LymphNodeId);
        modelBuilder.Entity<LymphNodeSlide>().HasKey(link => new { link.LymphNodeId, link.CaseSlideId });

        ConfigureFindings(modelBuilder);

        var snapshot = modelBuilder.Entity<CaseSnapshot>();
        snapshot.Property(s => s.SignedOutByUserId).HasMaxLength(450);
        snapshot.Property(s => s.SignedOutByName).HasMaxLength(256);
        snapshot.HasIndex(s => new { s.CaseId, s.Revision }).IsUnique();
    }

    private static void ConfigureFindings(ModelBuilder modelBuilder)
    {
        var finding = modelBuilder.Entity<CaseFinding>();
        finding.Property(f => f.Outline)
            .HasConversion(new OutlineConverter(), new OutlineComparer())
            .HasColumnName("OutlineJson");
        finding.Property(f => f.Name).HasMaxLength(200);
        finding.Property(f => f.SizeClass).HasMaxLength(10);
        finding.Property(f => f.Origin).HasConversion<string>().HasMaxLength(20);
        finding.Property(f => f.ReviewState).HasConversion<string>().HasMaxLength(20);
        finding.Property(f => f.Ruling).HasConversion<string>().HasMaxLength(20);
        finding.Property(f => f.RejectionReason).HasConversion<string>().HasMaxLength(30);
        finding.Property(f => f.Comment).HasMaxLength(2000);
        finding.Property(f => f.ProposedByUserId).HasMaxLength(450);
        finding.Property(f => f.ProposedByName).HasMaxLength(256);
        finding.Property(f => f.ConfirmedByUserId).HasMaxLength(450);
        finding.Property(f => f.ConfirmedByName).HasMaxLength(256);
        finding.Property(f => f.CreatedByUserId).HasMaxLength(450);
        finding.Property(f => f.OutlineEditedByName).HasMaxLength(256);
        finding.Property(f => f.UpdatedByName).HasMaxLength(256);
        finding.Property(f => f.Version).IsConcurrencyToken();
        finding.Ignore(f => f.IsConfirmedTumour);
        finding.HasIndex(f => new { f.CaseId, f.CaseSlideId });
        finding.HasOne<CaseSlide>().WithMany().HasForeignKey(f => f.CaseSlideId).OnDelete(DeleteBehavior.Restrict);
        finding.HasOne<LymphNode>().WithMany().HasForeignKey(f => f.LymphNodeId).OnDelete(DeleteBehavior.SetNull);
    }

    /// <summary>Stores an outline as JSON <c>[[x,y],...]</c> with full double precision.</summary>
    private sealed class OutlineConverter() : ValueConverter<IReadOnlyList<PointD>, string>(
        outline => OutlineJson.Write(outline),
        json => OutlineJson.Read(json));

    private sealed class OutlineComparer() : ValueComparer<IReadOnlyList<PointD>>(
        (left, right) => left == null ? right == null : right != null && left.SequenceEqual(right),
        outline => outline.Aggregate(0, (hash, point) => HashCode.Combine(hash, point)),
        outline => outline.ToArray());
}

/// <summary>Reads and writes level-0 outlines as JSON arrays of <c>[x, y]</c> pairs.</summary>
public static class OutlineJson
{
    public static string Write(IReadOnlyList<PointD> outline) =>
        JsonSerializer.Serialize(ToArrays(outline));

    /// <exception cref="JsonException">The text is not an array of [x, y] pairs.</exception>
    public static IReadOnlyList<PointD> Read(string json) =>
        FromArrays(JsonSerializer.Deserialize<double[][]>(json) ?? []);

    public static double[][] ToArrays(IReadOnlyList<PointD> outline) =>
        outline.Select(point => new[] { point.X, point.Y }).ToArray();

    /// <exception cref="JsonException">A pair does not hold exactly two numbers.</exception>
    public static IReadOnlyList<PointD> FromArrays(IEnumerable<double[]> pairs) =>
        pairs.Select(pair => pair.Length == 2
                ? new PointD(pair[0], pair[1])
                : throw new JsonException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"An outline point has {pair.Length} numbers; expected two, [x, y].")))
            .ToList();
}
