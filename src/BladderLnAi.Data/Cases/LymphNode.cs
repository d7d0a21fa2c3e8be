using System.Text.Json.Serialization;

namespace BladderLnAi.Data.Cases;

/// <summary>
/// One lymph node of the dissection, with the station the pathologist recorded. A node may lie on several slides
/// and a slide may hold several nodes.
/// </summary>
public sealed class LymphNode
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    /// <summary>Label within the case, such as <c>LN3</c> or <c>A2 node 1</c>.</summary>
    public required string Label { get; set; }

    public NodeStation Station { get; set; }

    public List<LymphNodeSlide> Slides { get; set; } = [];
}

/// <summary>A lymph node lying on a slide of the same case.</summary>
public sealed class LymphNodeSlide
{
    public int LymphNodeId { get; set; }

    public int CaseSlideId { get; set; }
}

/// <summary>
/// Nodal stations of a radical cystectomy with pelvic lymph node dissection. The AJCC 8th edition places perivesical,
/// obturator, internal and external iliac and presacral nodes in the true pelvis (pN1, pN2) and counts common iliac
/// nodes as pN3.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeStation>))]
public enum NodeStation
{
    Perivesical,
    LeftObturator,
    RightObturator,
    LeftInternalIliac,
    RightInternalIliac,
    LeftExternalIliac,
    RightExternalIliac,
    Presacral,
    LeftCommonIliac,
    RightCommonIliac,

    /// <summary>Any other site; not counted towards pN (nodes beyond the common iliac are distant, M1a).</summary>
    Other,
}
