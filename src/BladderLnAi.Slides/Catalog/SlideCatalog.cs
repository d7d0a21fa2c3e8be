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
/// <see cref="Refresh"/> to rescan at once. With a <see cref="SlideIngestValidator"/>, files it rejects are left out
/// of the list and reported in <see cref="Rejected"/>.
/// </remarks>
public sealed class SlideCatalog
{
    /// <summary>File extensions (lowercase, with the dot) that are listed as slides.</summary>
    public static readonly FrozenSet<string> SlideExtensions = FrozenSet.ToFrozenSet(
        [".svs", ".tif", ".tiff", ".ndpi", ".vms", ".vmu", ".scn", ".mrxs", ".svslide", ".bif"],
        StringComparer.OrdinalIgnoreCase);

    private readonly string[] _folders;
    private readonly SlideIngestValidator? _validator;
    private readonly Action<SlideIngestResult>? _onRejected;
    private readonly Lock _lock = new();
    private CatalogSnapshot? _snapshot;

    /// <summary>Creates a catalog of the given folders, which are first scanned on first use.</summary>
    /// <param name="folders">Slide folders; only their top level is scanned.</param>
    /// <param name="validator">Checks each file before it is listed, or null to list every file with a slide extension.</param>
    /// <param name="onRejected">Called once for each newly rejected file (or changed version of it) during a scan.</param>
    public SlideCatalog(
        IEnumerable<string> folders,
        SlideIngestValidator? validator = null,
        Action<SlideIngestResult>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(folders);
        _folders = folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
        _validator = validator;
        _onRejected = onRejected;
    }

    /// <summary>Folders scanned, as absolute paths.</summary>
    public IReadOnlyList<string> Folders => _folders;

    /// <summary>Returns all slides, sorted by file name, rescanning first when a folder changed.</summary>
    public IReadOnlyList<SlideEntry> List() => GetCurrentSnapshot().Entries;

    /// <summary>Returns the files of the slide folders that the validator rejected at the last scan.</summary>
    public IReadOnlyList<SlideIngestResult> Rejected => GetCurrentSnapshot().Rejected;

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
        var rejected = new List<SlideIngestResult>();
        var files = _folders.SelectMany(folder => SlideFolderScanner.FindSlides(folder, _validator, rejected))
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

        ReportNewRejections(rejected);
        return new CatalogSnapshot(
            stamps,
            entries.AsReadOnly(),
            rejected.AsReadOnly(),
            entries.ToFrozenDictionary(entry => entry.Id, StringComparer.Ordinal));
    }

    private void ReportNewRejections(List<SlideIngestResult> rejected)
    {
        var previous = _snapshot?.Rejected ?? [];
        foreach (var result in rejected.Where(result => !previous.Contains(result)))
        {
            _onRejected?.Invoke(result);
        }
    }

    private sealed record CatalogSnapshot(
        DateTime[] FolderStamps,
        IReadOnlyList<SlideEntry> Entries,
        IReadOnlyList<SlideIngestResult> Rejected,
        FrozenDictionary<string, SlideEntry> ById);
}
