using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace BladderLnAi.Slides;

/// <summary>
/// The slide files in a set of folders, each with a stable URL-safe id. Safe to use from several threads.
/// </summary>
/// <remarks>
/// Only the top level of each folder is scanned. Missing folders are skipped, as are hidden files (names starting
/// with '.') and symbolic links that are broken or resolve outside their folder. <see cref="List"/> and <see cref="TryGet"/> rescan when a folder's last-write time
/// changed, which happens when files are added, removed or renamed but not when a file is rewritten in place. Call
/// <see cref="Refresh"/> to rescan at once.
/// </remarks>
public sealed class SlideCatalog
{
    /// <summary>File extensions (lowercase, with the dot) that are listed as slides.</summary>
    public static readonly FrozenSet<string> SlideExtensions = FrozenSet.ToFrozenSet(
        [".svs", ".tif", ".tiff", ".ndpi", ".vms", ".vmu", ".scn", ".mrxs", ".svslide", ".bif"],
        StringComparer.OrdinalIgnoreCase);

    private readonly string[] _folders;
    private readonly Lock _lock = new();
    private CatalogSnapshot? _snapshot;

    /// <summary>Creates a catalog of the given folders, which are first scanned on first use.</summary>
    public SlideCatalog(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        _folders = folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Folders scanned, as absolute paths.</summary>
    public IReadOnlyList<string> Folders => _folders;

    /// <summary>Returns all slides, sorted by file name, rescanning first when a folder changed.</summary>
    public IReadOnlyList<SlideEntry> List() => GetCurrentSnapshot().Entries;

    /// <summary>
    /// Looks up a slide by id. Ids that do not match <c>^[a-z0-9][a-z0-9-]{0,99}$</c> are rejected without a lookup,
    /// and an id is never turned into a path.
    /// </summary>
    public bool TryGet(string id, [MaybeNullWhen(false)] out SlideEntry entry)
    {
        if (!SlideIds.IsValid(id))
        {
            entry = null;
            return false;
        }

        return GetCurrentSnapshot().ById.TryGetValue(id, out entry);
    }

    /// <summary>Rescans all folders now.</summary>
    public void Refresh()
    {
        lock (_lock)
        {
            _snapshot = Scan();
        }
    }

    private CatalogSnapshot GetCurrentSnapshot()
    {
        lock (_lock)
        {
            if (_snapshot is null || !_snapshot.FolderStamps.SequenceEqual(ReadFolderStamps()))
            {
                _snapshot = Scan();
            }

            return _snapshot;
        }
    }

    private DateTime[] ReadFolderStamps() =>
        _folders.Select(folder => Directory.Exists(folder) ? Directory.GetLastWriteTimeUtc(folder) : DateTime.MinValue)
            .ToArray();

    private CatalogSnapshot Scan()
    {
        // Read the stamps before listing, so a change during the scan triggers another scan next time.
        var stamps = ReadFolderStamps();
        var files = _folders.SelectMany(SlideFolderScanner.FindSlides)
            .OrderBy(file => file.FileName, StringComparer.Ordinal)
            .ThenBy(file => file.FullPath, StringComparer.Ordinal)
            .ToList();

        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<SlideEntry>(files.Count);
        foreach (var file in files)
        {
            var id = SlideIds.MakeUnique(SlideIds.Slugify(Path.GetFileNameWithoutExtension(file.FileName)), usedIds);
            usedIds.Add(id);
            entries.Add(new SlideEntry(id, file.FileName, file.FullPath, file.SizeBytes, file.LastWriteUtc));
        }

        return new CatalogSnapshot(
            stamps,
            entries.AsReadOnly(),
            entries.ToFrozenDictionary(entry => entry.Id, StringComparer.Ordinal));
    }

    private sealed record CatalogSnapshot(
        DateTime[] FolderStamps,
        IReadOnlyList<SlideEntry> Entries,
        FrozenDictionary<string, SlideEntry> ById);
}
