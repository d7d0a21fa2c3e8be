namespace BladderLnAi.Imaging.Segmentation;

/// <summary>
/// Labels the 8-connected components of a binary mask.
/// </summary>
public static class ConnectedComponents
{
    /// <summary>
    /// Labels each 8-connected group of set pixels with 1, 2, ... in the raster order of its first pixel
    /// (top row first, then left to right). Background pixels get 0. A flood fill with an explicit stack
    /// keeps large components from overflowing the call stack.
    /// </summary>
    public static ComponentLabels Label(BinaryMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);

        var labels = new int[mask.Values.Length];
        var components = new List<Component>();
        var stack = new Stack<int>();
        for (var start = 0; start < labels.Length; start++)
        {
            if (mask.Values[start] && labels[start] == 0)
            {
                components.Add(Fill(mask, labels, start, components.Count + 1, stack));
            }
        }

        return new ComponentLabels(mask.Width, mask.Height, labels, components);
    }

    private static Component Fill(BinaryMask mask, int[] labels, int start, int label, Stack<int> stack)
    {
        var width = mask.Width;
        var minX = start % width;
        var minY = start / width;
        var maxX = minX;
        var maxY = minY;
        var area = 0;
        labels[start] = label;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var index = stack.Pop();
            var x = index % width;
            var y = index / width;
            area++;
            (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
            (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
            PushUnlabelledNeighbours(mask, labels, x, y, label, stack);
        }

        return new Component(label, area, minX, minY, maxX, maxY);
    }

    private static void PushUnlabelledNeighbours(
        BinaryMask mask,
        int[] labels,
        int x,
        int y,
        int label,
        Stack<int> stack)
    {
        for (var ny = Math.Max(0, y - 1); ny <= Math.Min(mask.Height - 1, y + 1); ny++)
        {
            for (var nx = Math.Max(0, x - 1); nx <= Math.Min(mask.Width - 1, x + 1); nx++)
            {
                var neighbour = ny * mask.Width + nx;
                if (mask.Values[neighbour] && labels[neighbour] == 0)
                {
                    labels[neighbour] = label;
                    stack.Push(neighbour);
                }
            }
        }
    }
}
