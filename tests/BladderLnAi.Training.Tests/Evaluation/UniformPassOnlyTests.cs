using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Slides;
using BladderLnAi.Tests;
using BladderLnAi.Training.Evaluation;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class UniformPassOnlyTests
{
    [Fact]
    public void Analyze_UniformPassOnly_SkipsResampling()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var model = new CountingSegmentationModel(new DarkPixelModel());
        var options = new AnalysisOptions { UniformPassOnly = true };

        var result = new SlideAnalyzer(model, options).Analyze(slide, "cmu");

        Assert.NotEmpty(result.Fields);
        Assert.All(result.Fields, field => Assert.False(field.Resampled));
        Assert.Equal(result.Fields.Count, model.Passes);
        Assert.NotEmpty(result.Findings);
    }

    [Fact]
    public void Analyze_DefaultOptions_StillResamples()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var model = new CountingSegmentationModel(new DarkPixelModel());

        var result = new SlideAnalyzer(model, new AnalysisOptions()).Analyze(slide, "cmu");

        // The dark-pixel model marks dark tissue, so fields with tissue get blobs and a composite patch.
        Assert.Contains(result.Fields, field => field.Resampled);
        Assert.Equal(result.Fields.Count + result.Fields.Count(field => field.Resampled), model.Passes);
    }
}
