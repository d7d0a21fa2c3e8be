namespace BladderLnAi.Slides;

/// <summary>
/// A slide file found by <see cref="SlideCatalog"/>.
/// </summary>
/// <param name="Id">URL-safe id made from the file name: lowercase ASCII letters, digits and '-', at most 100 characters.</param>
/// <param name="FileName">File name as listed in the slide folder, extension included.</param>
/// <param name="FullPath">Absolute path of the file with symbolic links resolved.</param>
/// <param name="SizeBytes">File size in bytes at the time of the scan.</param>
/// <param name="LastWriteUtc">Last write time (UTC) at the time of the scan.</param>
public sealed record SlideEntry(string Id, string FileName, string FullPath, long SizeBytes, DateTime LastWriteUtc);
