using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>Receives the composite patch of each resampled field as soon as it is segmented.</summary>
public interface IFieldArtifactSink
{
    void WriteComposite(FieldResult field, RgbImage composite, FloatMap compositeProbability);
}
