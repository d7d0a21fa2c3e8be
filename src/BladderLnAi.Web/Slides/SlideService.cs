using System.Diagnostics.CodeAnalysis;
using BladderLnAi.Slides;
using BladderLnAi.Web.Configuration;

namespace BladderLnAi.Web.Slides;

/// <summary>
/// The slides the host serves: the catalogue of slide folders, open OpenSlide handles, and the deep-zoom tile
/// renderer with its encoded-tile cache.
/// </summary>
public sealed partial class SlideService : IDisposable
{
    private readonly SlideHandleCache _handles = new();
    private readonly ILogger<SlideService> _logger;
    private readonly SlideIngestValidator _validator;
    private readonly List<string> _configuredFolders;
    private volatile SlideCatalog _catalog = null!;

    public SlideService(SlideOptions options, AppPaths paths, SlideIngestValidator validator, ILogger<SlideService> logger)
    {
        _logger = logger;
        _validator = validator;
        Options = options;
        _configuredFolders = ResolveFolders(options, paths);
        Catalog = CreateCatalog(_configuredFolders);
        Renderer = new DeepZoomTileRenderer(new DeepZoomOptions
        {
            TileSize = options.TileSize,
            Overlap = options.Overlap,
            JpegQuality = options.JpegQuality,
        });
        Tiles = new TileCache(options.TileCacheMegabytes * 1024L * 1024L);
        Log.FoldersScanned(_logger, string.Join(", ", _configuredFolders), Catalog.List().Count);
    }

    public SlideOptions Options { get; }

    public SlideCatalog Catalog
    {
        get => _catalog;
        private set => _catalog = value;
    }

    public DeepZoomTileRenderer Renderer { get; }

    public TileCache Tiles { get; }

    /// <summary>Serves the configured folders together with <paramref name="siteFolders"/>, such as the sites' slide folders.</summary>
    public void UseFolders(IEnumerable<string> siteFolders)
    {
        var folders = _configuredFolders.Concat(siteFolders).Distinct().Where(Directory.Exists).ToList();
        Catalog = CreateCatalog(folders);
        Log.FoldersScanned(_logger, string.Join(", ", folders), Catalog.List().Count);
    }

    /// <summary>Finds a slide by id; an invalid or unknown id returns false and never touches the file system.</summary>
    public bool TryGet(string id, [MaybeNullWhen(false)] out SlideEntry entry) => Catalog.TryGet(id, out entry);

    /// <summary>Returns the open slide, opening it on first use.</summary>
    /// <exception cref="SlideException">The file cannot be read as a slide.</exception>
    public WholeSlideImage Open(SlideEntry entry) => _handles.Get(entry);

    /// <summary>Returns an entity tag that changes whenever the slide file changes.</summary>
    public static string FileVersion(SlideEntry entry) =>
        $"{entry.SizeBytes:x}-{entry.LastWriteUtc.Ticks:x}";

    public void Dispose() => _handles.Dispose();

    /// <summary>Creates a catalogue that validates every file and logs each rejected one once.</summary>
    /// <remarks>
    /// NOTE: validation opens every new or changed file and reads up to nine small regions of its smallest level, a few
    /// milliseconds per sample slide, so the first scan of a folder with thousands of slides delays the start.
    /// </remarks>
    private SlideCatalog CreateCatalog(IEnumerable<string> folders) =>
        new(folders, _validator, rejected => Log.SlideRejected(_logger, rejected.FullPath, rejected.Problem, rejected.Message));

    /// <summary>
    /// Returns the configured folders that exist. When none of them contains a slide, the data folder's slide folder
    /// is added, with the bundled sample slide copied into it if it is empty, so that a fresh installation has a
    /// slide to open.
    /// </summary>
    private List<string> ResolveFolders(SlideOptions options, AppPaths paths)
    {
        var folders = options.Folders.Select(paths.Resolve).Distinct().Where(Directory.Exists).ToList();
        if (folders.Any(ContainsSlide))
        {
            return folders;
        }

        Directory.CreateDirectory(paths.DefaultSlideDirectory);
        CopyBundledSample(options, paths);
        return [.. folders, paths.DefaultSlideDirectory];
    }

    private static bool ContainsSlide(string folder) =>
        Directory.EnumerateFiles(folder).Any(file => SlideCatalog.SlideExtensions.Contains(Path.GetExtension(file)));

    private void CopyBundledSample(SlideOptions options, AppPaths paths)
    {
        if (options.BundledSample is null || Directory.EnumerateFileSystemEntries(paths.DefaultSlideDirectory).Any())
        {
            return;
        }

        var sample = paths.Resolve(options.BundledSample);
        if (!File.Exists(sample))
        {
            Log.BundledSampleMissing(_logger, sample);
            return;
        }

        File.Copy(sample, Path.Combine(paths.DefaultSlideDirectory, Path.GetFileName(sample)));
        Log.BundledSampleCopied(_logger, sample, paths.DefaultSlideDirectory);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Serving {SlideCount} slides from {SlideFolders}")]
        public static partial void FoldersScanned(ILogger logger, string slideFolders, int slideCount);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Copied bundled sample slide {SamplePath} to {SlideFolder}")]
        public static partial void BundledSampleCopied(ILogger logger, string samplePath, string slideFolder);

        [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Bundled sample slide {SamplePath} was not found; the slide folder stays empty")]
        public static partial void BundledSampleMissing(ILogger logger, string samplePath);

        [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Slide file {SlideFile} is not served ({SlideProblem}): {Reason}")]
        public static partial void SlideRejected(ILogger logger, string slideFile, SlideProblem? slideProblem, string? reason);
    }
}
