using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Places the tumour foci of one slide inside the node: at most one macrometastasis, one to three
/// micrometastases and isolated tumour cells or small clusters, 4 to 10 foci in all, scattered and not touching.
/// </summary>
/// <remarks>
/// Sizes are drawn per class (in micrometres of greatest dimension) and shrunk until the focus fits, so a small slide
/// or node gets fewer or smaller foci. A focus is kept only when its measured size falls in the class it was drawn
/// for.
/// </remarks>
internal static class FocusPlanner
{
    private const double MacroMinimumMicrons = 2050;
    private const double MacroMaximumMicrons = 7000;
    private const double MicroMinimumMicrons = 220;
    private const double MicroMaximumMicrons = 1800;
    private const double ClusterMinimumMicrons = 14;
    private const double ClusterMaximumMicrons = 180;

    // Gap kept free of tumour between two foci.
    private const double GapMicrons = 30;

    // Attempts at random positions before a focus is shrunk or given up.
    private const int PlacementAttempts = 60;

    public static List<TumourFocus> Plan(
        int seed,
        LymphNodeLayout layout,
        SlideStyle style,
        bool withMacrometastasis,
        double micronsPerPixel)
    {
        var random = new SplitMixRandom(Hashing.StreamKey(seed, SeedStream.Foci));
        var total = random.Next(4, 11);
        var microCount = random.Next(1, 4);
        var context = new PlanContext(seed, layout, style, random, micronsPerPixel);

        if (withMacrometastasis)
        {
            TryPlaceMacrometastasis(context);
        }

        for (var i = 0; i < microCount; i++)
        {
            var maximum = Math.Min(MicroMaximumMicrons, 0.8 * 2 * layout.SemiMinor * micronsPerPixel);
            if (maximum > MicroMinimumMicrons)
            {
                TryPlaceScattered(context, random.LogUniform(260, maximum), MicroMinimumMicrons, SizeClass.Micrometastasis);
            }
        }

        while (context.Attempted < total)
        {
            TryPlaceScattered(
                context,
                random.LogUniform(ClusterMinimumMicrons, ClusterMaximumMicrons),
                ClusterMinimumMicrons,
                SizeClass.IsolatedTumourCells);
        }

        return context.Foci;
    }

    /// <summary>Fills most of the node with one long deposit along its axis, the usual look of a macrometastasis.</summary>
    private static void TryPlaceMacrometastasis(PlanContext context)
    {
        var (layout, random) = (context.Layout, context.Random);
        context.Attempted++;
        var nodeLength = 2 * layout.SemiMajor * Math.Min(layout.OutlineRadius(0), layout.OutlineRadius(Math.PI))
            * context.MicronsPerPixel;
        var target = Math.Min(MacroMaximumMicrons, 0.95 * nodeLength);
        var nodeAspect = layout.SemiMajor / layout.SemiMinor;
        while (target >= MacroMinimumMicrons)
        {
            for (var attempt = 0; attempt < 30; attempt++)
            {
                var offset = random.Uniform(-0.04, 0.04) * layout.SemiMajor;
                var centreX = layout.CentreX + offset * Math.Cos(layout.Angle);
                var centreY = layout.CentreY + offset * Math.Sin(layout.Angle);
                var angle = layout.Angle + random.Uniform(-0.08, 0.08);
                var shape = FocusShape.Create(random, nodeAspect * random.Uniform(1.0, 1.2), 0.04, 0.12, 8);
                if (context.TryAdd(shape, centreX, centreY, angle, target, SizeClass.Macrometastasis))
                {
                    return;
                }
            }

            target *= 0.98;
        }
    }

    private static void TryPlaceScattered(PlanContext context, double target, double minimum, SizeClass expected)
    {
        var (layout, random) = (context.Layout, context.Random);
        context.Attempted++;
        var isCluster = expected == SizeClass.IsolatedTumourCells;
        var reach = Math.Max(layout.SemiMajor, layout.SemiMinor) * 1.1;
        while (target >= minimum)
        {
            for (var attempt = 0; attempt < PlacementAttempts; attempt++)
            {
                var centreX = layout.CentreX + random.Uniform(-reach, reach);
                var centreY = layout.CentreY + random.Uniform(-reach, reach);
                if (layout.NodeDepthMicrons(centreX, centreY) < layout.CapsuleMicrons + 4)
                {
                    continue;
                }

                var shape = isCluster
                    ? FocusShape.Create(random, random.Uniform(1.0, 1.6), 0.05, 0.2, 4)
                    : FocusShape.Create(random, random.Uniform(1.0, 2.0), 0.12, 0.3, 8);
                if (context.TryAdd(shape, centreX, centreY, random.Uniform(0, Math.PI), target, expected))
                {
                    return;
                }
            }

            target *= 0.8;
        }
    }

    /// <summary>The foci placed so far and the checks that a new one must pass.</summary>
    private sealed class PlanContext(
        int seed, LymphNodeLayout layout, SlideStyle style, SplitMixRandom random, double micronsPerPixel)
    {
        public LymphNodeLayout Layout => layout;

        public SplitMixRandom Random => random;

        public double MicronsPerPixel => micronsPerPixel;

        public List<TumourFocus> Foci { get; } = [];

        /// <summary>Number of foci tried, placed or not, so that planning ends even on a crowded node.</summary>
        public int Attempted { get; set; }

        /// <summary>
        /// Builds the focus with its greatest dimension scaled to <paramref name="targetMicrons"/> and keeps it when it
        /// lies inside the node below the capsule, stays clear of the other foci and measures in the expected class.
        /// </summary>
        public bool TryAdd(
            FocusShape shape, double centreX, double centreY, double angle, double targetMicrons, SizeClass expected)
        {
            var scale = targetMicrons / micronsPerPixel / shape.UnitGreatestDimension;
            var cells = new TumourCellStyle(seed, Foci.Count, random, micronsPerPixel, style.TumourCytoplasmEosin);
            var focus = new TumourFocus(
                Foci.Count,
                centreX,
                centreY,
                angle,
                scale * shape.ScaleU,
                scale * shape.ScaleV,
                shape.Radii(targetMicrons / micronsPerPixel),
                cells,
                micronsPerPixel);
            if (focus.SizeClass != expected || !IsInsideNode(focus) || Foci.Any(other => Overlaps(focus, other)))
            {
                return false;
            }

            focus.CountCells();
            if (focus.CellCount == 0)
            {
                return false;
            }

            Foci.Add(focus);
            return true;
        }

        private bool IsInsideNode(TumourFocus focus)
        {
            var minimumDepth = layout.CapsuleMicrons + 4;
            return focus.Outline.All(point => layout.NodeDepthMicrons(point.X, point.Y) >= minimumDepth);
        }

        private bool Overlaps(TumourFocus focus, TumourFocus other)
        {
            var gap = GapMicrons / micronsPerPixel;
            if (focus.MinX > other.MaxX + gap || other.MinX > focus.MaxX + gap
                || focus.MinY > other.MaxY + gap || other.MinY > focus.MaxY + gap)
            {
                return false;
            }

            return focus.Outline.Any(point => other.IsNear(point.X, point.Y, gap))
                || other.Outline.Any(point => focus.IsNear(point.X, point.Y, gap));
        }
    }

    /// <summary>
    /// A star-shaped outline in its own frame: radius 1 plus random angular harmonics, stretched by an aspect ratio.
    /// </summary>
    private sealed class FocusShape
    {
        private readonly (int Order, double Amplitude, double Phase)[] _harmonics;

        private FocusShape((int, double, double)[] harmonics, double aspect)
        {
            _harmonics = harmonics;
            ScaleU = Math.Sqrt(aspect);
            ScaleV = 1 / Math.Sqrt(aspect);
            var unit = Radii(256);
            var step = 2 * Math.PI / unit.Length;
            var outline = unit.Select((radius, k) =>
                new PointD(radius * Math.Cos(k * step) * ScaleU, radius * Math.Sin(k * step) * ScaleV)).ToArray();
            UnitGreatestDimension = PolygonGeometry.MaxFeretDiameter(outline);
        }

        public double ScaleU { get; }

        public double ScaleV { get; }

        /// <summary>Greatest dimension of the outline at scale 1, which sets the scale for a requested size.</summary>
        public double UnitGreatestDimension { get; }

        /// <param name="minimumAmplitude">Smallest total harmonic amplitude. Larger values give more lobed foci.</param>
        /// <param name="highestOrder">Highest harmonic: 4 gives a rounded cluster and 8 a lobulated deposit.</param>
        public static FocusShape Create(
            SplitMixRandom random, double aspect, double minimumAmplitude, double maximumAmplitude, int highestOrder)
        {
            var amplitude = random.Uniform(minimumAmplitude, maximumAmplitude);
            var harmonics = Enumerable.Range(2, highestOrder - 1)
                .Select(order => (order, amplitude * random.Uniform(0.4, 1.0) / order, random.Uniform(0, 2 * Math.PI)))
                .ToArray();
            return new FocusShape(harmonics, aspect);
        }

        /// <summary>
        /// Returns the vertex radii for a focus of about <paramref name="greatestDimension"/> pixels, with a vertex
        /// every few micrometres of outline (32 to 2048 vertices).
        /// </summary>
        public double[] Radii(double greatestDimension)
        {
            var count = Math.Clamp((int)Math.Round(Math.PI * greatestDimension / 12), 32, 2048);
            var radii = new double[count];
            for (var k = 0; k < count; k++)
            {
                var angle = 2 * Math.PI * k / count;
                var radius = 1.0;
                foreach (var (order, amplitude, phase) in _harmonics)
                {
                    radius += amplitude * Math.Cos(order * angle + phase);
                }

                radii[k] = Math.Max(radius, 0.35);
            }

            return radii;
        }
    }
}
