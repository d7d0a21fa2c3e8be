using BladderLnAi.Imaging.Rasters;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace BladderLnAi.Analysis.Reading;

/// <summary>Conversions between <see cref="RgbImage"/> and ImageSharp images.</summary>
public static class RgbImageSharp
{
    public static Image<Rgb24> ToImageSharp(this RgbImage image) =>
        Image.LoadPixelData<Rgb24>(image.Pixels, image.Width, image.Height);

    public static RgbImage ToRgbImage(this Image<Rgb24> image)
    {
        var result = new RgbImage(image.Width, image.Height);
        image.CopyPixelDataTo(result.Pixels);
        return result;
    }

    /// <summary>Resizes by area averaging (box filter), which suits the downscaling done on slide reads.</summary>
    public static RgbImage Resize(this RgbImage image, int width, int height)
    {
        if (image.Width == width && image.Height == height)
        {
            return image;
        }

        using var sharp = image.ToImageSharp();
        sharp.Mutate(context => context.Resize(width, height, KnownResamplers.Box));
        return sharp.ToRgbImage();
    }

    public static void SavePng(this RgbImage image, string path)
    {
        using var sharp = image.ToImageSharp();
        sharp.SaveAsPng(path);
    }
}
