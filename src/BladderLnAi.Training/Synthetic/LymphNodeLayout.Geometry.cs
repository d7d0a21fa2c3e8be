namespace BladderLnAi.Training.Synthetic;

internal sealed partial class LymphNodeLayout
{
    /// <summary>The node's outline, orientation, size and fat rim, chosen so that the whole node fits on the slide.</summary>
    private sealed record NodeGeometry(
        double CentreX,
        double CentreY,
        double Angle,
        double SemiMajor,
        double SemiMinor,
        double[] Outline,
        double[] FatRimMicrons)
    {
        public static NodeGeometry Create(
            SplitMixRandom random, long width, long height, double micronsPerPixel, bool elongated)
        {
            var minimumSideMicrons = Math.Min(width, height) * micronsPerPixel;

            // Along a diagonal the node can be longest, which a deposit over 2 mm needs on small slides.
            var diagonal = Math.Atan2(height, width);
            var angle = (random.NextDouble() < 0.5 ? diagonal : -diagonal)
                + random.Uniform(-1, 1) * (elongated ? 0.08 : 0.6);
            var aspect = elongated ? random.Uniform(2.3, 2.8) : random.Uniform(1.3, 2.0);
            var outline = CreateOutline(random, elongated);
            var fatRim = CreateFatRim(random, minimumSideMicrons * (elongated ? 0.5 : 1.0));

            var glassMicrons = 0.015 * minimumSideMicrons + 10;
            var marginPixels = (glassMicrons + fatRim.Max() * 1.35 + BoundaryNoiseMicrons) / micronsPerPixel;
            var offsetX = random.Uniform(-0.03, 0.03) * width;
            var offsetY = random.Uniform(-0.03, 0.03) * height;

            var (extentX, extentY) = UnitExtents(outline, angle, aspect);
            var semiMajor = Math.Min(
                (width / 2.0 - Math.Abs(offsetX) - marginPixels) / extentX,
                (height / 2.0 - Math.Abs(offsetY) - marginPixels) / extentY);
            if (semiMajor <= 0)
            {
                throw new ArgumentException(
                    $"A {width} x {height} slide is too small for a lymph node with its fat rim and glass margin.");
            }

            return new NodeGeometry(
                width / 2.0 + offsetX,
                height / 2.0 + offsetY,
                angle,
                semiMajor,
                semiMajor / aspect,
                outline,
                fatRim);
        }

        /// <summary>Tabulates a smooth, slightly lobed radius factor with one dent for the hilum.</summary>
        private static double[] CreateOutline(SplitMixRandom random, bool elongated)
        {
            var harmonics = Enumerable.Range(2, 4)
                .Select(order => (Order: order, Amplitude: random.Uniform(0, 0.05) / (order - 1), Phase: random.Uniform(0, 2 * Math.PI)))
                .ToArray();
            var hilumDepth = random.Uniform(0.06, 0.14);
            var hilumWidth = random.Uniform(0.2, 0.35);

            // The hilum of a long node sits on one of its long sides.
            var hilumAngle = elongated
                ? (random.NextDouble() < 0.5 ? 0.5 : -0.5) * Math.PI + random.Uniform(-0.5, 0.5)
                : random.Uniform(-Math.PI, Math.PI);

            var table = new double[OutlineSamples];
            for (var i = 0; i < OutlineSamples; i++)
            {
                var polar = -Math.PI + 2 * Math.PI * i / OutlineSamples;
                var radius = 1.0;
                foreach (var (order, amplitude, phase) in harmonics)
                {
                    radius += amplitude * Math.Cos(order * polar + phase);
                }

                var offset = Math.IEEERemainder(polar - hilumAngle, 2 * Math.PI) / hilumWidth;
                table[i] = radius - hilumDepth * Math.Exp(-offset * offset);
            }

            return table;
        }

        /// <summary>Tabulates the width of perinodal fat around the node in micrometres, absent on some sides.</summary>
        private static double[] CreateFatRim(SplitMixRandom random, double minimumSideMicrons)
        {
            var mean = Math.Clamp(random.Uniform(0.015, 0.04) * minimumSideMicrons, 20, 500);
            var harmonics = Enumerable.Range(1, 5)
                .Select(order => (Order: order, Amplitude: random.Uniform(0, 0.5) / order, Phase: random.Uniform(0, 2 * Math.PI)))
                .ToArray();
            var table = new double[OutlineSamples];
            for (var i = 0; i < OutlineSamples; i++)
            {
                var polar = -Math.PI + 2 * Math.PI * i / OutlineSamples;
                var factor = 0.55;
                foreach (var (order, amplitude, phase) in harmonics)
                {
                    factor += amplitude * Math.Cos(order * polar + phase);
                }

                table[i] = mean * Math.Max(0, factor);
            }

            return table;
        }

        /// <summary>Returns the half-width and half-height of the outline for a semi-major axis of 1.</summary>
        private static (double X, double Y) UnitExtents(double[] outline, double angle, double aspect)
        {
            var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
            var (extentX, extentY) = (0.0, 0.0);
            for (var i = 0; i < OutlineSamples; i++)
            {
                var polar = -Math.PI + 2 * Math.PI * i / OutlineSamples;
                var u = outline[i] * Math.Cos(polar);
                var v = outline[i] * Math.Sin(polar) / aspect;
                extentX = Math.Max(extentX, Math.Abs(u * cos - v * sin));
                extentY = Math.Max(extentY, Math.Abs(u * sin + v * cos));
            }

            return (extentX, extentY);
        }
    }
}
