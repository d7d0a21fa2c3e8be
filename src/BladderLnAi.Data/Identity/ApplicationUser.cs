using Microsoft.AspNetCore.Identity;

namespace BladderLnAi.Data.Identity;

/// <summary>A person who signs in: pathologist, resident, educator or administrator.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>Name shown beside rulings and in the audit log, such as "Dr A. Chen".</summary>
    public string DisplayName { get; set; } = "";

    public List<SiteMembership> Sites { get; set; } = [];
}

/// <summary>The product's roles; a user may hold several.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Pathologist = "Pathologist";
    public const string SeniorPathologist = "SeniorPathologist";
    public const string Resident = "Resident";
    public const string Educator = "Educator";

    public static readonly IReadOnlyList<string> All = [Admin, Pathologist, SeniorPathologist, Resident, Educator];
}
