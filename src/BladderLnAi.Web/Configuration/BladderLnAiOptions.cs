using BladderLnAi.Inference;

namespace BladderLnAi.Web.Configuration;

/// <summary>Where the product keeps its data (configuration section <c>Storage</c>).</summary>
public sealed record StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the SQLite database and analysis results, relative to the content root. Defaults to <c>data</c>.</summary>
    public string DataDirectory { get; init; } = "data";
}

/// <summary>Slide folders and deep-zoom settings (configuration section <c>Slides</c>).</summary>
public sealed record SlideOptions
{
    public const string SectionName = "Slides";

    /// <summary>
    /// Folders scanned for slides, relative to the content root. Folders that do not exist are skipped; when none
    /// exists, the data folder's <c>slides</c> folder is used and the bundled sample slide is copied there.
    /// </summary>
    public string[] Folders { get; init; } = [];

    /// <summary>Bundled sample slide copied into an empty slide folder. Defaults to <c>samples/CMU-1-Small-Region.svs</c>.</summary>
    public string? BundledSample { get; init; } = "samples/CMU-1-Small-Region.svs";

    public int TileSize { get; init; } = 254;

    public int Overlap { get; init; } = 1;

    public int JpegQuality { get; init; } = 75;

    /// <summary>Memory budget of the encoded-tile cache in megabytes. Defaults to 256.</summary>
    public int TileCacheMegabytes { get; init; } = 256;

    /// <summary>Browser cache lifetime of tiles in seconds. Defaults to one day.</summary>
    public int TileMaxAgeSeconds { get; init; } = 86400;
}

/// <summary>Model and inference device (configuration section <c>Analysis</c>).</summary>
public sealed record AnalysisHostOptions
{
    public const string SectionName = "Analysis";

    /// <summary>Folder with <c>manifest.json</c> and the ONNX file, relative to the content root.</summary>
    public string ModelDirectory { get; init; } = "models/hrnet_w18";

    /// <summary><c>Auto</c> (CUDA when it starts, else CPU), <c>Cpu</c> or <c>Cuda</c>.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Auto;
}
