namespace BladderLnAi.Training.Synthetic;

/// <summary>The tissue compartments at one point of a synthetic lymph node.</summary>
internal struct LayoutSample
{
    /// <summary>Distance inside the node outline in micrometres, negative outside the node.</summary>
    public float NodeDepth;

    /// <summary>Distance inside the tissue (node and perinodal fat) in micrometres, negative on bare glass.</summary>
    public float TissueDepth;

    /// <summary>Weight of the fibrous capsule, 0 to 1.</summary>
    public float Capsule;

    /// <summary>Weight of sinus (subcapsular, trabecular or medullary), 0 to 1.</summary>
    public float Sinus;

    /// <summary>Weight of a follicle's germinal centre, 0 to 1.</summary>
    public float Germinal;

    /// <summary>Weight of a follicle's mantle zone, 0 to 1.</summary>
    public float Mantle;

    /// <summary>Weight of medulla, 0 in the cortex and 1 deep inside the node.</summary>
    public float Medulla;

    /// <summary>Factor around 1 for the uneven eosin staining of cytoplasm and matrix.</summary>
    public float EosinTexture;
}

/// <summary>The compartment at a point of a synthetic slide, as the ground truth and tests see it.</summary>
public enum TissueCompartment
{
    Glass,
    Fat,
    Capsule,
    Sinus,
    GerminalCentre,
    Cortex,
    Medulla,
    Tumour,
}
