using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Imaging.Tests.Segmentation;

/// <summary>Builds masks from rows of text, 'X' for a set pixel and '.' for background.</summary>
internal static class MaskParser
{
    public static BinaryMask Parse(params string[] rows)
    {
        var mask = new BinaryMask(rows[0].Length, rows.Length);
        for (var y = 0; y < rows.Length; y++)
        {
            for (var x = 0; x < rows[y].Length; x++)
            {
                mask[x, y] = rows[y][x] == 'X';
            }
        }

        return mask;
    }
}
