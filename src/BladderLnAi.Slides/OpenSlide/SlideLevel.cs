namespace BladderLnAi.Slides;

/// <summary>
/// One level of a slide pyramid as OpenSlide reports it.
/// </summary>
/// <param name="Index">Level index, where 0 is full resolution.</param>
/// <param name="Width">Width in pixels of this level.</param>
/// <param name="Height">Height in pixels of this level.</param>
/// <param name="Downsample">Level-0 pixels per pixel of this level (1 for level 0, not always a power of two).</param>
public readonly record struct SlideLevel(int Index, long Width, long Height, double Downsample);
