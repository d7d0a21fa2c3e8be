using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

public static partial class GridSampler
{
    /// <summary>
    /// Maps a composite raster back onto a target raster that covers the field, through the inverse
    /// of <paramref name="grid"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The composite pixel centres form a mesh. Each mesh vertex is mapped to target space with
    /// <see cref="SamplingGrid.Map"/>, each warped cell is split into two triangles, and every target
    /// pixel centre inside a triangle takes the barycentric interpolation of the composite values at
    /// its corners. The density there is the cell's composite area divided by its warped area in
    /// target pixels.
    /// </para>
    /// <para>
    /// The mesh gets an extra ring of vertices on the composite's outer edge, which the grid maps onto
    /// the field's edge. That ring carries the nearest composite sample, so the half-pixel border is
    /// covered too and every target pixel gets a value and a density. A pixel centre that lies in no
    /// triangle (possible only where the grid collapses a cell to zero area) keeps value 0 and density 0,
    /// so <see cref="ProbabilityFusion.Fuse"/> keeps the uniform value there.
    /// </para>
    /// <para>
    /// Triangles are rasterised with integer edge functions and a top-left fill rule, so a pixel centre
    /// on a shared edge belongs to exactly one triangle and mesh rows can run in parallel. A mesh with
    /// a folded (inverted) triangle has overlapping triangles, so it is rasterised on one thread in
    /// mesh order, and where triangles overlap the later one wins. Folds occur where a blob touches
    /// the field edge: the replicated padding pulls grid points past the edge and the clamp to [0, 1]
    /// squeezes them onto it.
    /// </para>
    /// </remarks>
    public static InverseMapping InverseMap(FloatMap composite, SamplingGrid grid, int targetWidth, int targetHeight)
    {
        ArgumentNullException.ThrowIfNull(composite);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetHeight);

        var mesh = WarpedMesh.Create(composite, grid, targetWidth, targetHeight);
        var rasterizer = new TriangleRasterizer(
            new FloatMap(targetWidth, targetHeight),
            new FloatMap(targetWidth, targetHeight));
        if (mesh.HasFoldedTriangle())
        {
            for (var row = 0; row < mesh.Rows - 1; row++)
            {
                RasterizeCellRow(mesh, row, rasterizer);
            }
        }
        else
        {
            Parallel.For(0, mesh.Rows - 1, row => RasterizeCellRow(mesh, row, rasterizer));
        }

        return new InverseMapping(rasterizer.Values, rasterizer.Density);
    }

    private static void RasterizeCellRow(WarpedMesh mesh, int row, TriangleRasterizer rasterizer)
    {
        var topLeft = mesh.Vertex(0, row);
        var bottomLeft = mesh.Vertex(0, row + 1);
        for (var column = 0; column < mesh.Columns - 1; column++)
        {
            var topRight = mesh.Vertex(column + 1, row);
            var bottomRight = mesh.Vertex(column + 1, row + 1);
            var warpedArea = QuadArea(topLeft, topRight, bottomRight, bottomLeft);
            if (warpedArea > 0)
            {
                var density = (float)(mesh.CellArea(column, row) / warpedArea);
                rasterizer.Fill(topLeft, topRight, bottomRight, density);
                rasterizer.Fill(topLeft, bottomRight, bottomLeft, density);
            }

            (topLeft, bottomLeft) = (topRight, bottomRight);
        }
    }

    /// <summary>Computes the area of a quadrilateral with the shoelace formula, in target pixels.</summary>
    private static double QuadArea(in MeshVertex a, in MeshVertex b, in MeshVertex c, in MeshVertex d)
    {
        var twiceArea = (a.X * b.Y - b.X * a.Y)
            + (b.X * c.Y - c.X * b.Y)
            + (c.X * d.Y - d.X * c.Y)
            + (d.X * a.Y - a.X * d.Y);
        return Math.Abs(twiceArea) / 2;
    }
}
