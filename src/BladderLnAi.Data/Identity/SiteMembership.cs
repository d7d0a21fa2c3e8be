using BladderLnAi.Data.Sites;

namespace BladderLnAi.Data.Identity;

/// <summary>A user's membership of one site; a user may belong to several sites.</summary>
public sealed class SiteMembership
{
    public required string UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public int SiteId { get; set; }

    public Site? Site { get; set; }
}
