namespace BladderLnAi.Slides;

/// <summary>
/// Resolution of symbolic links in every component of a path, like POSIX <c>realpath</c>.
/// </summary>
internal static class RealPath
{
    // Linux gives up after 40 links in one lookup (ELOOP), and the same bound stops link cycles here.
    private const int MaxLinkHops = 40;

    /// <summary>
    /// Returns the absolute path of an existing file or folder with no symbolic link in any component,
    /// or null when it does not exist, a link is broken, or links loop.
    /// </summary>
    public static string? Resolve(string path)
    {
        var current = Path.GetFullPath(path);
        for (var hops = 0; hops <= MaxLinkHops; hops++)
        {
            var link = FindFirstLink(current);
            if (link is null)
            {
                return File.Exists(current) || Directory.Exists(current) ? current : null;
            }

            current = ReplaceLink(current, link.Value.Prefix, link.Value.Target);
        }

        return null;
    }

    /// <summary>Returns whether <paramref name="path"/> is <paramref name="folder"/> or lies below it (both resolved).</summary>
    public static bool IsInside(string path, string folder)
    {
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) || path == folder;
    }

    /// <summary>Finds the first path component, from the root down, that is a symbolic link.</summary>
    private static (string Prefix, string Target)? FindFirstLink(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var prefix = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            prefix = Path.Combine(prefix, part);
            var target = new FileInfo(prefix).LinkTarget;
            if (target is not null)
            {
                return (prefix, target);
            }
        }

        return null;
    }

    /// <summary>Replaces the link at <paramref name="linkPath"/> in <paramref name="fullPath"/> by its target.</summary>
    private static string ReplaceLink(string fullPath, string linkPath, string target)
    {
        // A relative target is relative to the folder that contains the link. GetFullPath removes ".." textually,
        // unlike the kernel, but Resolve walks the result again, so the path it returns is link-free and exists.
        var linkFolder = Path.GetDirectoryName(linkPath) ?? Path.GetPathRoot(linkPath) ?? "/";
        var resolvedTarget = Path.GetFullPath(target, linkFolder);
        var rest = fullPath[linkPath.Length..].TrimStart(Path.DirectorySeparatorChar);
        return rest.Length == 0 ? resolvedTarget : Path.Combine(resolvedTarget, rest);
    }
}
