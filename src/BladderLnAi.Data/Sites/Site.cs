using BladderLnAi.Data.Identity;

namespace BladderLnAi.Data.Sites;

/// <summary>A hospital: its slides, analyses and findings are visible only to its own staff and invited consultants.</summary>
public sealed class Site
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Short unique code, such as <c>SYSMH</c>.</summary>
    public required string Code { get; set; }

    public List<SiteSlideFolder> SlideFolders { get; set; } = [];

    public List<SiteMembership> Members { get; set; } = [];
}

/// <summary>A folder whose slides belong to the site.</summary>
public sealed class SiteSlideFolder
{
    public int Id { get; set; }

    public int SiteId { get; set; }

    /// <summary>Absolute path, or a path relative to the host's content root.</summary>
    public required string Path { get; set; }
}

/// <summary>A slide shared for consultation with a named user of another site, until it expires.</summary>
public sealed class SlideShare
{
    public int Id { get; set; }

    public required string SlideId { get; set; }

    public int SiteId { get; set; }

    public required string SharedWithUserId { get; set; }

    public required string SharedByUserId { get; set; }

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresUtc { get; set; }
}
