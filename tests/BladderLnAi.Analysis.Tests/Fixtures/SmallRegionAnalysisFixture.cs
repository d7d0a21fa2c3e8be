using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Analysis.Tests.Fixtures;

/// <summary>
/// One two-pass analysis of <c>CMU-1-Small-Region.svs</c> with the bundled model on the CPU, written to a
/// temporary folder, shared by the tests of a class because it takes about 20 s on two CPU cores.
/// </summary>
public sealed class SmallRegionAnalysisFixture : IDisposable
{
    public const string SlideFileName = "CMU-1-Small-Region.svs";

    public const string SlideId = "cmu-1-small-region";

    public SmallRegionAnalysisFixture()
    {
        OutputDirectory = TestPaths.NewTempDirectory("analysis");
        Model = OnnxSegmentationModel.Load(TestPaths.ModelDirectory, ExecutionDevice.Cpu);
        try
        {
            Slide = WholeSlideImage.Open(TestPaths.SampleSlide(SlideFileName));
            var progress = new RecordingProgress();
            var writer = new AnalysisResultWriter(OutputDirectory);

            Result = new SlideAnalyzer(Model, new AnalysisOptions()).Analyze(Slide, SlideId, progress, writer);
            Summary = writer.Write(Result);
            ProgressReports = progress.Reports;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public OnnxSegmentationModel Model { get; }

    /// <summary>The open slide, which other analyses in the same class may read again.</summary>
    public WholeSlideImage Slide { get; } = null!;

    public string OutputDirectory { get; }

    public AnalysisResult Result { get; } = null!;

    public SummaryDocument Summary { get; } = null!;

    public IReadOnlyList<AnalysisProgress> ProgressReports { get; } = [];

    public void Dispose()
    {
        Slide?.Dispose();
        Model.Dispose();
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
    }
}
