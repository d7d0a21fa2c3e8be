namespace BladderLnAi.Slides;

/// <summary>Why a slide file was rejected at ingest.</summary>
public enum SlideProblem
{
    /// <summary>The file name is empty, too long, hidden, has no slide extension, or holds path separators or control characters.</summary>
    InvalidFileName,

    /// <summary>The file is a symbolic link that resolves outside its slide folder, or a broken link.</summary>
    OutsideSlideFolder,

    /// <summary>The file is missing, a folder, or not readable.</summary>
    Unreadable,

    /// <summary>The file has 0 bytes.</summary>
    Empty,

    /// <summary>OpenSlide does not recognise the format, or the structure is damaged, truncated or implausible.</summary>
    NotASlide,

    /// <summary>The slide declares a size over <see cref="SlideIngestLimits.MaxSideLength"/>.</summary>
    TooLarge,

    /// <summary>The slide opens but its pixel data cannot be decoded.</summary>
    UnreadablePixels,

    /// <summary>Every pixel read back has the same colour, such as all white or all transparent.</summary>
    Blank,
}
