using PdfSharp.Fonts;

namespace BladderLnAi.Web.Review.Reports;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces of the Debian package <c>fonts-dejavu-core</c>, because PDFsharp's Core build
/// finds no fonts of its own on Linux. Every family name maps to DejaVu Sans.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Folder = "/usr/share/fonts/truetype/dejavu";

    private static readonly Lock Gate = new();

    /// <summary>Installs this resolver as PDFsharp's global font resolver, once per process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new ReportFonts();
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName)
    {
        var path = Path.Combine(Folder, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException(
                $"Font file {path} was not found, so the PDF report cannot be written; install the Debian package fonts-dejavu-core.", path);
    }
}
