using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Slides.Tests.Ingest;

[Trait("Category", "Reliability")]
public sealed class SlideIngestValidatorTests : IDisposable
{
    private static readonly string[] NextSteps = ["Copy", "Check", "Rename", "Restore", "convert", "export", "Add the slide"];

    private readonly string _root = TestPaths.NewTempDirectory("ingest");
    private readonly string _folder;
    private readonly string _outside;

    public SlideIngestValidatorTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(_root, "slides")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Validate_HostileCorpus_RejectsEachWithReason()
    {
        var corpus = HostileSlides.Build(_folder, _outside);
        var validator = new SlideIngestValidator();

        Assert.True(corpus.Count >= 30, $"The corpus has only {corpus.Count} files.");
        foreach (var file in corpus)
        {
            var result = validator.Validate(Path.Combine(_folder, file.FileName), _folder);

            Assert.False(result.IsAccepted, $"{file.FileName} was accepted.");
            Assert.True(file.Expected == result.Problem.ToString(), $"{file.FileName}: expected {file.Expected}, got {result.Problem}: {result.Message}");
            Assert.True(NamesFile(result.Message!, file.FileName), $"The message for {file.FileName} does not name it: {result.Message}");
            Assert.True(NextSteps.Any(step => result.Message!.Contains(step, StringComparison.OrdinalIgnoreCase)), $"The message for {file.FileName} gives no next step: {result.Message}");
        }
    }

    [Fact]
    public void Catalog_WithValidator_ServesValidSlidesBesideHostileOnes()
    {
        var corpus = HostileSlides.Build(_folder, _outside);
        File.Copy(TestPaths.SampleSlide("CMU-1-16x16.svs"), Path.Combine(_folder, "CMU-1-16x16.svs"));
        File.Copy(TestPaths.SampleSlide("CMU-1-16x16.svs"), Path.Combine(_folder, "Lymphknoten_Ü_3.svs"));
        File.WriteAllBytes(Path.Combine(_folder, "striped.tif"), HostileSlides.StripedTiff(1000, 700));
        var reported = new List<SlideIngestResult>();

        var catalog = new SlideCatalog([_folder], new SlideIngestValidator(), reported.Add);
        var listed = catalog.List();

        Assert.Equal(["CMU-1-16x16.svs", "Lymphknoten_Ü_3.svs", "striped.tif"], listed.Select(entry => entry.FileName).Order(StringComparer.Ordinal));
        Assert.Equal(corpus.Count, catalog.Rejected.Count);
        Assert.Equal(corpus.Count, reported.Count);
        foreach (var entry in listed)
        {
            using var slide = WholeSlideImage.Open(entry.FullPath);
            Assert.False(SlideContentProbe.IsBlank(slide), $"{entry.FileName} reads back blank.");
        }
    }

    [Fact]
    public void Catalog_Rescan_ReportsRejectionOnce()
    {
        File.WriteAllBytes(Path.Combine(_folder, "empty.svs"), []);
        var reported = new List<SlideIngestResult>();
        var catalog = new SlideCatalog([_folder], new SlideIngestValidator(), reported.Add);

        catalog.List();
        catalog.Refresh();
        catalog.List();

        Assert.Single(reported);
    }

    [Theory]
    [InlineData("../../etc/passwd.svs")]
    [InlineData("a/b.svs")]
    [InlineData("..\\escape.svs")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData(".hidden.svs")]
    [InlineData("slide.exe")]
    [InlineData("tab\t.svs")]
    [InlineData("rtl\u202Egpj.svs")]
    public void CheckFileName_HostileName_IsRejected(string fileName)
    {
        var result = new SlideIngestValidator().CheckFileName(fileName);

        Assert.NotNull(result);
        Assert.Equal(SlideProblem.InvalidFileName, result.Problem);
        Assert.Contains("Rename", result.Message);
    }

    [Fact]
    public void CheckFileName_LoneSurrogate_IsRejected()
    {
        var fileName = "lone" + (char)0xD800 + "surrogate.svs";

        Assert.Equal(SlideProblem.InvalidFileName, new SlideIngestValidator().CheckFileName(fileName)?.Problem);
    }

    [Theory]
    [InlineData("CMU-1.svs")]
    [InlineData("淋巴结 3.ndpi")]
    [InlineData("Lymphknoten_Ü_3.tiff")]
    [InlineData("case 12 (LN 3).mrxs")]
    public void CheckFileName_PlainName_IsAccepted(string fileName)
    {
        Assert.Null(new SlideIngestValidator().CheckFileName(fileName));
    }

    [Fact]
    public void CheckFileName_OverLimit_IsRejected()
    {
        var result = new SlideIngestValidator().CheckFileName(new string('é', 130) + ".svs");

        Assert.NotNull(result);
        Assert.Contains("255 bytes", result.Message);
    }

    [Fact]
    public void Open_JpegBomb_ThrowsSlideException()
    {
        HostileSlides.Build(_folder, _outside);

        var exception = Assert.Throws<SlideException>(() => WholeSlideImage.Open(Path.Combine(_folder, "jpeg-bomb.svs")));

        Assert.Contains("tiles of 65536 x 65536 pixels", exception.Message);
    }

    /// <summary>Returns whether the message names the file, with control characters written as escapes.</summary>
    private static bool NamesFile(string message, string fileName)
    {
        var printable = string.Concat(fileName.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:X4}"
            : c.ToString()));
        return message.Contains(printable, StringComparison.Ordinal) || message.Contains(fileName, StringComparison.Ordinal);
    }
}
