using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Slides.Tests.OpenSlide;

public sealed class SlideOpenErrorTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempDirectory("slide-errors");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Open_MissingFile_SaysNotFound()
    {
        var path = Path.Combine(_folder, "absent.svs");

        var exception = Assert.Throws<SlideException>(() => WholeSlideImage.Open(path));

        Assert.Equal(path, exception.FilePath);
        Assert.Contains("'absent.svs'", exception.Message);
        Assert.Contains("not found", exception.Message);
    }

    [Fact]
    public void Open_TruncatedSvs_NamesFile()
    {
        var path = Path.Combine(_folder, "truncated.svs");
        var bytes = File.ReadAllBytes(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        File.WriteAllBytes(path, bytes[..4096]);

        var exception = Assert.Throws<SlideException>(() => WholeSlideImage.Open(path));

        Assert.Equal(path, exception.FilePath);
        Assert.Contains("'truncated.svs'", exception.Message);
        Assert.Contains("damaged or incomplete", exception.Message);
    }

    [Fact]
    public void Open_DamagedNdpi_ReportsOpenSlideError()
    {
        // OpenSlide 3.4.1 recognises this NDPI but fails to validate the JPEG of its first directory when 64 bytes
        // at offset 4732 are overwritten, so openslide_open returns a handle in the error state.
        var path = Path.Combine(_folder, "damaged.ndpi");
        var bytes = File.ReadAllBytes(TestPaths.SampleSlide("test3-DAPI-2-387.ndpi"));
        bytes.AsSpan(4732, 64).Fill(0x55);
        File.WriteAllBytes(path, bytes);

        var exception = Assert.Throws<SlideException>(() => WholeSlideImage.Open(path));

        Assert.Equal(path, exception.FilePath);
        Assert.Contains("'damaged.ndpi'", exception.Message);
        Assert.Contains("OpenSlide reported", exception.Message);
    }

    [Fact]
    public void ReadRegion_DamagedTile_ThrowsSlideException()
    {
        // Bytes 16 to 1015 of this SVS are JPEG tile data, so overwriting them keeps the file openable but breaks reads.
        var path = Path.Combine(_folder, "damaged-tile.svs");
        var bytes = File.ReadAllBytes(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        bytes.AsSpan(16, 1000).Fill(0x55);
        File.WriteAllBytes(path, bytes);
        using var slide = WholeSlideImage.Open(path);

        var exception = Assert.Throws<SlideException>(() => slide.ReadRegion(0, 0, 0, 64, 64));

        Assert.Equal(path, exception.FilePath);
        Assert.Contains("'damaged-tile.svs'", exception.Message);
        Assert.Contains("OpenSlide reported", exception.Message);
    }

    [Fact]
    public void Open_TextFileNamedSvs_SaysUnsupportedFormat()
    {
        var path = Path.Combine(_folder, "notes.svs");
        File.WriteAllText(path, "This is a text file, not a slide.\n");

        var exception = Assert.Throws<SlideException>(() => WholeSlideImage.Open(path));

        Assert.Equal(path, exception.FilePath);
        Assert.Contains("'notes.svs'", exception.Message);
        Assert.Contains("not a format OpenSlide reads", exception.Message);
    }

    [Fact]
    public void Open_Folder_SaysFolder()
    {
        var exception = Assert.Throws<SlideException>(() => WholeSlideImage.Open(_folder));

        Assert.Contains("is a folder", exception.Message);
    }

    [Fact]
    public void Open_EmptyPath_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => WholeSlideImage.Open(" "));
    }
}
