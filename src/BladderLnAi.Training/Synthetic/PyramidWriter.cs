using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Draws a planned slide one row of tiles at a time and writes every pyramid level as it goes. Each level keeps one
/// row of tiles in memory, filled by 2 x 2 box averaging of two rows of the level above, so memory grows with the
/// slide width and not its area.
/// </summary>
internal sealed class PyramidWriter
{
    private const string DescriptionPrefix = "Aperio Image Library compatible, BladderLnAi synthetic lymph node";

    private readonly SyntheticSlidePlan _plan;
    private readonly TiledTiffWriter _writer;
    private readonly TileRenderer _renderer;
    private readonly JpegEncoder _encoder;
    private readonly LevelBand[] _levels;
    private readonly ParallelOptions _parallel;

    public PyramidWriter(SyntheticSlidePlan plan, TiledTiffWriter writer, CancellationToken cancellationToken)
    {
        _plan = plan;
        _writer = writer;
        _renderer = new TileRenderer(plan);
        _encoder = new JpegEncoder { Quality = plan.JpegQuality, ColorType = JpegColorType.YCbCrRatio420 };
        _parallel = new ParallelOptions { CancellationToken = cancellationToken };

        var options = plan.Options;
        var (width, height) = plan.Levels[0];
        _levels = new LevelBand[plan.Levels.Count];
        for (var level = 0; level < _levels.Length; level++)
        {
            var (levelWidth, levelHeight) = plan.Levels[level];
            var downsample = (double)width / levelWidth;
            var description = level == 0
                ? Level0Description(plan)
                : $"{DescriptionPrefix}\r\n{width}x{height} [0,0 {width}x{height}] ({SyntheticSlidePlan.TileSize}x{SyntheticSlidePlan.TileSize}) "
                    + $"-> {levelWidth}x{levelHeight} JPEG/YCbCr Q={plan.JpegQuality}";
            var pixelsPerCentimetre = 10_000 / (options.MicronsPerPixel * downsample);
            var image = writer.AddImage(
                levelWidth, levelHeight, SyntheticSlidePlan.TileSize, description, pixelsPerCentimetre, level > 0);
            _levels[level] = new LevelBand(image, levelWidth, levelHeight);
        }
    }

    /// <summary>Returns the Aperio ImageDescription of level 0, whose <c>MPP</c> and <c>AppMag</c> OpenSlide reads.</summary>
    /// <remarks>
    /// OpenSlide 3.4.1 detects an Aperio slide by the "Aperio" prefix, skips the text before the first '|' and stores
    /// each later <c>key = value</c> pair as the property <c>aperio.key</c>; <c>aperio.MPP</c> becomes
    /// <c>openslide.mpp-x</c> and <c>openslide.mpp-y</c>.
    /// </remarks>
    internal static string Level0Description(SyntheticSlidePlan plan)
    {
        var options = plan.Options;
        var tile = SyntheticSlidePlan.TileSize;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var magnification = (10 / options.MicronsPerPixel).ToString("0.##", invariant);
        var micronsPerPixel = options.MicronsPerPixel.ToString("0.######", invariant);
        return $"{DescriptionPrefix}\r\n{options.Width}x{options.Height} [0,0 {options.Width}x{options.Height}] ({tile}x{tile}) "
            + $"JPEG/YCbCr Q={plan.JpegQuality}|AppMag = {magnification}|MPP = {micronsPerPixel}"
            + $"|Filename = synthetic-{options.Seed}|Seed = {options.Seed}|Generator = bladderln synth";
    }

    /// <summary>Draws and writes every tile of every level.</summary>
    public void Write()
    {
        var top = _levels[0];
        var scratch = new ThreadLocal<TileScratch>(_renderer.CreateScratch);
        var encoded = new byte[top.TilesAcross][];
        for (var row = 0; row < top.TilesDown; row++)
        {
            var bandRow = row;
            Parallel.For(0, top.TilesAcross, _parallel, column =>
            {
                var buffers = scratch.Value!;
                _renderer.Render(column, bandRow, buffers);
                top.StoreTile(column, buffers.Rgb);
                encoded[column] = Encode(buffers.Rgb);
            });

            WriteRow(top, row, encoded);
            Propagate(0, row);
        }

        // The last band of a lower level may have only its upper half.
        for (var level = 1; level < _levels.Length; level++)
        {
            if (_levels[level].HasPendingRows)
            {
                _levels[level].FillRemainderWithWhite();
                Emit(level);
            }
        }

        scratch.Dispose();
    }

    /// <summary>Averages band <paramref name="row"/> of a level into the next level and writes that band when it is complete.</summary>
    private void Propagate(int level, int row)
    {
        if (level + 1 >= _levels.Length)
        {
            return;
        }

        var target = _levels[level + 1];
        if (row / 2 >= target.TilesDown)
        {
            return;
        }

        target.AddHalfBand(_levels[level], row, _parallel);
        if (row % 2 == 1)
        {
            Emit(level + 1);
        }
    }

    private void Emit(int level)
    {
        var band = _levels[level];
        var row = band.BandRow;
        var encoded = new byte[band.TilesAcross][];
        var tiles = new ThreadLocal<byte[]>(() => new byte[SyntheticSlidePlan.TileSize * SyntheticSlidePlan.TileSize * 3]);
        Parallel.For(0, band.TilesAcross, _parallel, column =>
        {
            var tile = tiles.Value!;
            band.CopyTile(column, tile);
            encoded[column] = Encode(tile);
        });
        tiles.Dispose();

        WriteRow(band, row, encoded);
        band.MarkEmitted();
        Propagate(level, row);
    }

    private void WriteRow(LevelBand band, int row, byte[][] encoded)
    {
        for (var column = 0; column < band.TilesAcross; column++)
        {
            _writer.WriteTile(band.Image, row * band.TilesAcross + column, encoded[column]);
        }
    }

    private byte[] Encode(byte[] rgb)
    {
        var size = SyntheticSlidePlan.TileSize;
        using var image = Image.WrapMemory<Rgb24>(rgb.AsMemory(), size, size);
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, _encoder);
        return stream.ToArray();
    }
}
