using BladderLnAi.Analysis;

namespace BladderLnAi.Training.Datasets;

/// <summary>Settings of <see cref="DatasetBuilder"/>.</summary>
public sealed record DatasetOptions
{
    /// <summary>Fields cut from each slide, at least 1. A slide with fewer tissue fields gives all of them. Defaults to 32.</summary>
    public int FieldsPerSlide { get; init; } = 32;

    /// <summary>Seed of the field choice and of the saliency noise. Defaults to 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Share of the fields, 0 to 1, drawn from those that touch a ground-truth focus, and the rest from the other
    /// tissue fields. Defaults to 0.5, because foci cover a small part of a slide.
    /// </summary>
    public double TumourFieldShare { get; init; } = 0.5;

    /// <summary>
    /// Share of the fields, 0 to 1, whose composite is driven by a noisy copy of the ground-truth mask instead of the
    /// mask itself, so that training sees the imperfect saliency of a real uniform pass. Defaults to 0.5.
    /// </summary>
    public double NoisySaliencyShare { get; init; } = 0.5;

    public SaliencyNoise Noise { get; init; } = new();

    /// <summary>
    /// Field planning, saliency and sampler settings, the same record the analysis takes, so that training fields
    /// and composites are cut as the analysis cuts them. Defaults to the analysis defaults.
    /// </summary>
    public AnalysisOptions Analysis { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (FieldsPerSlide < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FieldsPerSlide), FieldsPerSlide, "Fields per slide must be 1 or more.");
        }

        if (TumourFieldShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TumourFieldShare), TumourFieldShare, "Tumour field share must be 0 to 1.");
        }

        if (NoisySaliencyShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(NoisySaliencyShare), NoisySaliencyShare, "Noisy saliency share must be 0 to 1.");
        }

        Analysis.Validate();
    }
}
