using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

/// <summary>Anatomical groups of the nodal stations for bladder cancer staging (AJCC 8th edition).</summary>
public static class NodeStations
{
    /// <summary>True pelvis: perivesical, obturator, internal and external iliac, and presacral nodes (pN1, pN2).</summary>
    public static bool IsTruePelvis(this NodeStation station) => station is NodeStation.Perivesical
        or NodeStation.LeftObturator or NodeStation.RightObturator
        or NodeStation.LeftInternalIliac or NodeStation.RightInternalIliac
        or NodeStation.LeftExternalIliac or NodeStation.RightExternalIliac
        or NodeStation.Presacral;

    /// <summary>Common iliac nodes, whose metastasis is pN3.</summary>
    public static bool IsCommonIliac(this NodeStation station) =>
        station is NodeStation.LeftCommonIliac or NodeStation.RightCommonIliac;

    public static string DisplayName(this NodeStation station) => station switch
    {
        NodeStation.Perivesical => "Perivesical",
        NodeStation.LeftObturator => "Left obturator",
        NodeStation.RightObturator => "Right obturator",
        NodeStation.LeftInternalIliac => "Left internal iliac",
        NodeStation.RightInternalIliac => "Right internal iliac",
        NodeStation.LeftExternalIliac => "Left external iliac",
        NodeStation.RightExternalIliac => "Right external iliac",
        NodeStation.Presacral => "Presacral",
        NodeStation.LeftCommonIliac => "Left common iliac",
        NodeStation.RightCommonIliac => "Right common iliac",
        _ => "Other",
    };
}
