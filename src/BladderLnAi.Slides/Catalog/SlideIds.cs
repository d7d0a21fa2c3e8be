using System.Text;
using System.Text.RegularExpressions;

namespace BladderLnAi.Slides;

/// <summary>
/// Slide ids: slugs of file names that are safe in URLs and never interpreted as paths.
/// </summary>
public static partial class SlideIds
{
    /// <summary>Maximum id length in characters.</summary>
    public const int MaxLength = 100;

    private const string EmptySlug = "slide";

    /// <summary>Returns whether <paramref name="id"/> has the form of a slide id (nothing about whether it exists).</summary>
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>
    /// Returns the slug of a file name without extension: ASCII letters lowercased, digits kept, every other run of
    /// characters turned into one '-', with no '-' at either end, cut to <see cref="MaxLength"/> characters.
    /// A name with no letter or digit becomes "slide".
    /// </summary>
    public static string Slugify(string name)
    {
        var slug = new StringBuilder(Math.Min(name.Length, MaxLength));
        var pendingDash = false;
        foreach (var character in name)
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(char.ToLowerInvariant(character));
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return slug.Length == 0 ? EmptySlug : Truncate(slug.ToString(), MaxLength);
    }

    /// <summary>
    /// Returns <paramref name="slug"/>, or the first of "slug-2", "slug-3", ... that is not in
    /// <paramref name="usedIds"/>, shortening the slug so the id stays within <see cref="MaxLength"/>.
    /// </summary>
    public static string MakeUnique(string slug, IReadOnlySet<string> usedIds)
    {
        if (!usedIds.Contains(slug))
        {
            return slug;
        }

        for (var number = 2; ; number++)
        {
            var suffix = "-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var candidate = Truncate(slug, MaxLength - suffix.Length) + suffix;
            if (!usedIds.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Truncate(string slug, int maxLength) =>
        slug.Length <= maxLength ? slug : slug[..maxLength].TrimEnd('-');

    // \z instead of $ because $ also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
