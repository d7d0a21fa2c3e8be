namespace BladderLnAi.Analysis.Findings;

/// <summary>Nodal tumour deposit size classes of the AJCC 8th edition.</summary>
public enum SizeClass
{
    /// <summary>The slide has no microns per pixel, so the size is not known.</summary>
    Unknown,

    /// <summary>Isolated tumour cells: greatest dimension at most 0.2 mm.</summary>
    IsolatedTumourCells,

    /// <summary>Greatest dimension above 0.2 mm and at most 2 mm.</summary>
    Micrometastasis,

    /// <summary>Greatest dimension above 2 mm.</summary>
    Macrometastasis,
}

/// <summary>AJCC 8th edition size classification of a deposit by its greatest dimension.</summary>
public static class SizeClassification
{
    public const double IsolatedTumourCellsMaximumMicrons = 200;

    public const double MicrometastasisMaximumMicrons = 2000;

    public static SizeClass Classify(double? greatestDimensionMicrons) => greatestDimensionMicrons switch
    {
        null => SizeClass.Unknown,
        <= IsolatedTumourCellsMaximumMicrons => SizeClass.IsolatedTumourCells,
        <= MicrometastasisMaximumMicrons => SizeClass.Micrometastasis,
        _ => SizeClass.Macrometastasis,
    };

    /// <summary>Returns the display name, which is also the QuPath classification name.</summary>
    public static string DisplayName(this SizeClass sizeClass) => sizeClass switch
    {
        SizeClass.IsolatedTumourCells => "Isolated tumour cells",
        SizeClass.Micrometastasis => "Micrometastasis",
        SizeClass.Macrometastasis => "Macrometastasis",
        _ => "Size unknown",
    };

    /// <summary>Returns the short machine name used in JSON: itc, micro, macro or unknown.</summary>
    public static string Code(this SizeClass sizeClass) => sizeClass switch
    {
        SizeClass.IsolatedTumourCells => "itc",
        SizeClass.Micrometastasis => "micro",
        SizeClass.Macrometastasis => "macro",
        _ => "unknown",
    };
}
