using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// A composite raster mapped back onto the field.
/// </summary>
/// <param name="Values">Composite values at each target pixel.</param>
/// <param name="Density">
/// Composite pixels per target pixel at each target pixel: 1 for the identity grid at equal sizes,
/// above 1 where the composite magnified the field, 0 where no composite sample reached the pixel.
/// </param>
public sealed record InverseMapping(FloatMap Values, FloatMap Density);
