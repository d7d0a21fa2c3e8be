using BenchmarkDotNet.Attributes;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Slides;
using BladderLnAi.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SkiaSharp;

namespace BladderLnAi.Benchmarks.Micro;

/// <summary>
/// Tile encoding and reduction on real tissue. JPEG encoding of one 256 x 256 tile at quality 75 compares ImageSharp
/// from 24-bit RGB with SkiaSharp from 32-bit BGRA (the layout OpenSlide returns) and RGBA. Halving a 510 x 510 read
/// to a 255 x 255 tile compares ImageSharp's Lanczos-3 resize, the renderer's former method, with the renderer's
/// 2 x 2 block means and its area averaging.
/// </summary>
[MemoryDiagnoser]
public class TileEncodingBenchmarks
{
    private const int Side = 256;
    private const int Quality = 75;
    private readonly JpegEncoder _imageSharpEncoder = new() { Quality = Quality };
    private const int ReadSide = 510;
    private const int HalfSide = ReadSide / 2;
    private RgbImage _rgb = null!;
    private byte[] _bgra = null!;
    private RgbImage _read = null!;
    private readonly byte[] _half = new byte[HalfSide * HalfSide * 3];

    [GlobalSetup]
    public void Setup()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        _rgb = slide.ReadRegion(1016, 1270, 0, Side, Side);
        _bgra = ToBgra(_rgb);
        _read = slide.ReadRegion(1016, 1270, 0, ReadSide, ReadSide);
    }

    [Benchmark(Baseline = true)]
    public long ImageSharpJpeg()
    {
        using var image = Image.WrapMemory<Rgb24>(_rgb.Pixels.AsMemory(), Side, Side);
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, _imageSharpEncoder);
        return output.Length;
    }

    [Benchmark]
    public unsafe long SkiaSharpJpeg()
    {
        fixed (byte* pixels = _bgra)
        {
            using var pixmap = new SKPixmap(new SKImageInfo(Side, Side, SKColorType.Bgra8888, SKAlphaType.Opaque), (nint)pixels);
            using var data = pixmap.Encode(new SKJpegEncoderOptions(Quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
            return data?.Size ?? throw new InvalidOperationException("SkiaSharp failed to encode the tile.");
        }
    }

    [Benchmark]
    public unsafe long SkiaSharpJpegRgba()
    {
        fixed (byte* pixels = _bgra)
        {
            using var pixmap = new SKPixmap(new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Opaque), (nint)pixels);
            using var data = pixmap.Encode(SKEncodedImageFormat.Jpeg, Quality);
            return data?.Size ?? throw new InvalidOperationException("SkiaSharp failed to encode the tile.");
        }
    }

    [Benchmark]
    public int ImageSharpLanczosHalve()
    {
        using var image = Image.WrapMemory<Rgb24>(_read.Pixels.AsMemory(), ReadSide, ReadSide);
        using var half = image.Clone(context => context.Resize(HalfSide, HalfSide, KnownResamplers.Lanczos3));
        return half.Width;
    }

    [Benchmark]
    public byte[] BlockMeanHalve()
    {
        AreaResampler.BoxReduce(_read.Pixels, ReadSide * 3, ReadSide, ReadSide, 2, _half);
        return _half;
    }

    [Benchmark]
    public byte[] AreaAverageHalve()
    {
        AreaResampler.Resize(_read.Pixels, ReadSide, ReadSide, _half, HalfSide, HalfSide);
        return _half;
    }

    private static byte[] ToBgra(RgbImage image)
    {
        var bgra = new byte[image.Width * image.Height * 4];
        for (int source = 0, target = 0; source < image.Pixels.Length; source += 3, target += 4)
        {
            bgra[target] = image.Pixels[source + 2];
            bgra[target + 1] = image.Pixels[source + 1];
            bgra[target + 2] = image.Pixels[source];
            bgra[target + 3] = 255;
        }

        return bgra;
    }
}
