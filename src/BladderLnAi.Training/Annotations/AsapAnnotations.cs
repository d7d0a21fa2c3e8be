using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Annotations;

/// <summary>
/// Reads tumour annotations from ASAP XML, the format of the CAMELYON16 and CAMELYON17 reference annotations:
/// <c>ASAP_Annotations/Annotations/Annotation</c> elements with <c>Coordinates/Coordinate</c> vertices in level-0
/// pixels.
/// </summary>
public static class AsapAnnotations
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <summary>Reads the tumour regions of an ASAP XML file.</summary>
    /// <remarks>
    /// Annotations in a group named <c>_2</c> or containing "Exclusion" (case-insensitive), directly or through a
    /// parent group, are exclusions: as in CAMELYON16, they cut non-tumour areas out of the tumour annotations.
    /// Each exclusion becomes a hole of every tumour region whose bounding box it overlaps. Every other polygon,
    /// rectangle or spline annotation is a tumour region named after its group, or null when it has none.
    /// Spline annotations are read as the polygon through their control points. Dots and point sets enclose no area
    /// and are skipped, and so are rings with fewer than three distinct points.
    /// </remarks>
    /// <exception cref="InvalidDataException">The file is not XML, is not ASAP XML, or has an invalid coordinate.</exception>
    public static IReadOnlyList<AnnotatedRegion> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(path, ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"Annotation file '{path}' is not valid XML: {ex.Message}", ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "ASAP_Annotations")
        {
            throw new InvalidDataException(
                $"Annotation file '{path}' has root element '{root?.Name.LocalName}'; expected 'ASAP_Annotations'.");
        }

        var parentGroups = ParentGroups(root);
        var tumours = new List<(IReadOnlyList<PointD> Ring, string? Group)>();
        var exclusions = new List<IReadOnlyList<PointD>>();
        foreach (var annotation in root.Elements("Annotations").Elements("Annotation"))
        {
            var type = (string?)annotation.Attribute("Type") ?? "Polygon";
            if (type.Equals("Dot", StringComparison.OrdinalIgnoreCase)
                || type.Equals("PointSet", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var ring = ReadRing(annotation, path);
            if (ring.Count < 3)
            {
                continue;
            }

            var group = GroupName(annotation);
            if (IsExclusion(group, parentGroups))
            {
                exclusions.Add(ring);
            }
            else
            {
                tumours.Add((ring, group));
            }
        }

        return [.. tumours.Select(tumour => new AnnotatedRegion(
            tumour.Ring,
            [.. exclusions.Where(exclusion => BoundsOverlap(exclusion, tumour.Ring))],
            tumour.Group))];
    }

    private static string? GroupName(XElement annotation)
    {
        var group = (string?)annotation.Attribute("PartOfGroup");
        return string.IsNullOrWhiteSpace(group) || group == "None" ? null : group;
    }

    /// <summary>Maps each group in <c>AnnotationGroups</c> to the group it belongs to.</summary>
    private static Dictionary<string, string> ParentGroups(XElement root)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in root.Elements("AnnotationGroups").Elements("Group"))
        {
            var name = (string?)group.Attribute("Name");
            var parent = (string?)group.Attribute("PartOfGroup");
            if (name is not null && parent is not null && parent != "None")
            {
                parents[name] = parent;
            }
        }

        return parents;
    }

    private static bool IsExclusion(string? group, Dictionary<string, string> parentGroups)
    {
        // The visited set stops a cycle of groups that name each other as parents.
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (group is not null && visited.Add(group))
        {
            if (group == "_2" || group.Contains("Exclusion", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            group = parentGroups.GetValueOrDefault(group);
        }

        return false;
    }

    private static IReadOnlyList<PointD> ReadRing(XElement annotation, string path)
    {
        var name = (string?)annotation.Attribute("Name") ?? "(unnamed)";
        var coordinates = annotation.Elements("Coordinates").Elements("Coordinate")
            .Select(coordinate => (
                Order: ParseNumber(coordinate, "Order", name, path, required: false),
                Point: new PointD(
                    ParseNumber(coordinate, "X", name, path, required: true),
                    ParseNumber(coordinate, "Y", name, path, required: true))))
            .OrderBy(coordinate => coordinate.Order);

        var points = new List<PointD>();
        foreach (var (_, point) in coordinates)
        {
            if (points.Count == 0 || points[^1] != point)
            {
                points.Add(point);
            }
        }

        if (points.Count > 1 && points[0] == points[^1])
        {
            points.RemoveAt(points.Count - 1);
        }

        return points;
    }

    private static double ParseNumber(XElement coordinate, string attribute, string annotation, string path, bool required)
    {
        var text = (string?)coordinate.Attribute(attribute);
        if (text is null && !required)
        {
            return 0;
        }

        if (text is null
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new InvalidDataException(
                $"Annotation file '{path}', annotation '{annotation}': coordinate attribute {attribute}=\"{text}\" "
                + "is missing or not a number.");
        }

        return value;
    }

    private static bool BoundsOverlap(IReadOnlyList<PointD> first, IReadOnlyList<PointD> second) =>
        first.Min(p => p.X) <= second.Max(p => p.X)
        && second.Min(p => p.X) <= first.Max(p => p.X)
        && first.Min(p => p.Y) <= second.Max(p => p.Y)
        && second.Min(p => p.Y) <= first.Max(p => p.Y);
}
