namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>
/// The tile request sequences that both servers receive: the whole pyramid once, and seeded viewing sessions.
/// </summary>
public static class RequestPlans
{
    /// <summary>Browser viewport in screen pixels, one screen pixel per pixel of the Deep Zoom level shown.</summary>
    public const int ViewportWidth = 1280;

    public const int ViewportHeight = 800;

    /// <summary>Seed of the viewing sessions, fixed so that every run replays the same requests.</summary>
    public const int SessionSeed = 20260412;

    /// <summary>
    /// Returns every tile of every slide once: slide by slide, coarsest level first, rows top to bottom, as a viewer
    /// that zooms in step by step would first see them.
    /// </summary>
    public static List<string> WholePyramids(IEnumerable<SlidePyramid> slides)
    {
        var paths = new List<string>();
        foreach (var slide in slides)
        {
            for (var level = 0; level < slide.Layout.LevelCount; level++)
            {
                var (columns, rows) = slide.Layout.GetTileCount(level);
                for (var row = 0; row < rows; row++)
                {
                    for (var column = 0; column < columns; column++)
                    {
                        paths.Add(SlidePyramid.TilePath(slide.Id, level, column, row));
                    }
                }
            }
        }

        return paths;
    }

    /// <summary>
    /// Returns one viewing session per client. A session visits every slide (each client starts at another slide),
    /// opens it fitted to the viewport, and then takes <paramref name="stepsPerSlide"/> random steps: zoom in by one
    /// level near the centre, zoom out by one level, or pan by half a viewport. Each step requests the tiles of the
    /// viewport that the session has not requested yet, as a browser with a warm cache would. Every client's list
    /// is cut to <paramref name="maxRequests"/> / clients requests.
    /// </summary>
    public static List<List<string>> ViewingSessions(
        IReadOnlyList<SlidePyramid> slides,
        int clients,
        int stepsPerSlide,
        int maxRequests)
    {
        var perClient = Math.Max(1, maxRequests / clients);
        var sessions = new List<List<string>>(clients);
        for (var client = 0; client < clients; client++)
        {
            var random = new Random(SessionSeed + client);
            var requested = new HashSet<string>(StringComparer.Ordinal);
            var session = new List<string>();
            for (var i = 0; i < slides.Count && session.Count < perClient; i++)
            {
                var slide = slides[(client + i) % slides.Count];
                View(slide, random, stepsPerSlide, requested, session);
            }

            sessions.Add(session.Take(perClient).ToList());
        }

        return sessions;
    }

    private static void View(SlidePyramid slide, Random random, int steps, HashSet<string> requested, List<string> session)
    {
        var layout = slide.Layout;
        var fitted = FittedLevel(layout);
        var level = fitted;
        var (width, height) = layout.GetLevelSize(level);
        var (centreX, centreY) = (width / 2.0, height / 2.0);
        AddViewport(slide, level, centreX, centreY, requested, session);
        for (var step = 0; step < steps; step++)
        {
            var choice = random.NextDouble();
            if (choice < 0.4 && level < layout.LevelCount - 1)
            {
                // Zoom in around a point within the middle half of the viewport.
                centreX = 2 * (centreX + (random.NextDouble() - 0.5) * ViewportWidth / 2);
                centreY = 2 * (centreY + (random.NextDouble() - 0.5) * ViewportHeight / 2);
                level++;
            }
            else if (choice < 0.6 && level > fitted)
            {
                centreX /= 2;
                centreY /= 2;
                level--;
            }
            else
            {
                var angle = random.NextDouble() * 2 * Math.PI;
                centreX += Math.Cos(angle) * ViewportWidth / 2;
                centreY += Math.Sin(angle) * ViewportHeight / 2;
            }

            (width, height) = layout.GetLevelSize(level);
            centreX = Math.Clamp(centreX, 0, width);
            centreY = Math.Clamp(centreY, 0, height);
            AddViewport(slide, level, centreX, centreY, requested, session);
        }
    }

    /// <summary>Returns the highest level that fits the viewport whole, or level 0.</summary>
    private static int FittedLevel(BladderLnAi.Slides.DeepZoomLayout layout)
    {
        for (var level = layout.LevelCount - 1; level > 0; level--)
        {
            var (width, height) = layout.GetLevelSize(level);
            if (width <= ViewportWidth && height <= ViewportHeight)
            {
                return level;
            }
        }

        return 0;
    }

    private static void AddViewport(
        SlidePyramid slide,
        int level,
        double centreX,
        double centreY,
        HashSet<string> requested,
        List<string> session)
    {
        var tileSize = slide.Layout.TileSize;
        var (columns, rows) = slide.Layout.GetTileCount(level);
        var firstColumn = Math.Clamp((int)Math.Floor((centreX - ViewportWidth / 2.0) / tileSize), 0, columns - 1);
        var lastColumn = Math.Clamp((int)Math.Floor((centreX + ViewportWidth / 2.0 - 1) / tileSize), 0, columns - 1);
        var firstRow = Math.Clamp((int)Math.Floor((centreY - ViewportHeight / 2.0) / tileSize), 0, rows - 1);
        var lastRow = Math.Clamp((int)Math.Floor((centreY + ViewportHeight / 2.0 - 1) / tileSize), 0, rows - 1);
        for (var row = firstRow; row <= lastRow; row++)
        {
            for (var column = firstColumn; column <= lastColumn; column++)
            {
                var path = SlidePyramid.TilePath(slide.Id, level, column, row);
                if (requested.Add(path))
                {
                    session.Add(path);
                }
            }
        }
    }
}
