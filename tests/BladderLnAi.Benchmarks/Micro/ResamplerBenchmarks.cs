using BenchmarkDotNet.Attributes;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Benchmarks.Micro;

/// <summary>
/// The resampling steps of one field, on a synthetic field with a large and a small suspicious disc. They are the
/// 64 x 64 sampling grid, the 512 x 512 composite patch sampled from the field read at 1024 x 1024 (2x
/// magnification), and the inverse mapping of the patch's probabilities onto the 1024 x 1024 field heatmap.
/// </summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private const int PatchSide = 512;
    private const int SourceSide = 1024;
    private const int HeatmapSide = 1024;
    private readonly SamplerOptions _sampler = new();
    private FloatMap _saliency = null!;
    private SamplingGrid _grid = null!;
    private RgbImage _source = null!;
    private RgbImage _patch = null!;
    private FloatMap _patchProbability = null!;

    [GlobalSetup]
    public void Setup()
    {
        var probability = Discs(PatchSide, (150, 200, 60), (400, 380, 6));
        _saliency = SaliencyBuilder.Build(probability, new SaliencyOptions()).Values;
        _grid = SaliencySampler.ComputeGrid(_saliency, _sampler);
        _source = Texture(SourceSide);
        _patch = new RgbImage(PatchSide, PatchSide);
        _patchProbability = Discs(PatchSide, (256, 256, 120));
    }

    [Benchmark]
    public SamplingGrid ComputeGrid() => SaliencySampler.ComputeGrid(_saliency, _sampler);

    [Benchmark]
    public RgbImage SampleRgb()
    {
        GridSampler.SampleRgb(_source, _grid, _patch);
        return _patch;
    }

    /// <summary>Everything between the uniform pass's saliency and the resampled pass's input for one field.</summary>
    [Benchmark]
    public RgbImage ComputeGridAndSampleRgb()
    {
        var grid = SaliencySampler.ComputeGrid(_saliency, _sampler);
        GridSampler.SampleRgb(_source, grid, _patch);
        return _patch;
    }

    [Benchmark]
    public InverseMapping InverseMap() => GridSampler.InverseMap(_patchProbability, _grid, HeatmapSide, HeatmapSide);

    /// <summary>Creates a probability map of 0.05 with discs of probability 0.9.</summary>
    private static FloatMap Discs(int side, params (double X, double Y, double Radius)[] discs)
    {
        var map = new FloatMap(side, side);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var inside = discs.Any(disc => Math.Pow(x + 0.5 - disc.X, 2) + Math.Pow(y + 0.5 - disc.Y, 2) <= disc.Radius * disc.Radius);
                map[x, y] = inside ? 0.9f : 0.05f;
            }
        }

        return map;
    }

    /// <summary>Creates an RGB image with fine detail everywhere, so that no sampling shortcut applies.</summary>
    private static RgbImage Texture(int side)
    {
        var image = new RgbImage(side, side);
        var random = new Random(11);
        random.NextBytes(image.Pixels);
        return image;
    }
}
