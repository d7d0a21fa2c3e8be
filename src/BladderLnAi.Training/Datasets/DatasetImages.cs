using BladderLnAi.Analysis.Reading;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Training.Datasets;

/// <summary>PNG files of a dataset: RGB images, and masks as 8-bit grey with tumour 255 and background 0.</summary>
public static class DatasetImages
{
    public static void SaveImage(RgbImage image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        image.SavePng(path);
    }

    public static void SaveMask(BinaryMask mask, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var bytes = new byte[mask.Values.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = mask.Values[i] ? (byte)255 : (byte)0;
        }

        using var image = Image.LoadPixelData<L8>(bytes, mask.Width, mask.Height);
        image.SaveAsPng(path);
    }

    public static RgbImage LoadImage(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        return image.ToRgbImage();
    }

    /// <summary>Loads a mask PNG, in which grey values of 128 or more are tumour.</summary>
    public static BinaryMask LoadMask(string path)
    {
        using var image = Image.Load<L8>(path);
        var bytes = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(bytes);
        var mask = new BinaryMask(image.Width, image.Height);
        for (var i = 0; i < bytes.Length; i++)
        {
            mask.Values[i] = bytes[i] >= 128;
        }

        return mask;
    }
}
