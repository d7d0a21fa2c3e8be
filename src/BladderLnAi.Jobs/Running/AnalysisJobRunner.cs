using System.Diagnostics;
using System.Threading.Channels;
using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Slides;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Jobs.Running;

/// <summary>What a host does with the progress of a running job.</summary>
public interface IAnalysisProgressSink
{
    /// <summary>Called for every progress report, in order, such as to push it to viewers.</summary>
    Task ReportAsync(AnalysisProgress progress);

    /// <summary>Called at most once per <see cref="AnalysisJobRunner.CheckpointInterval"/> to store the progress.</summary>
    Task CheckpointAsync(AnalysisProgress progress);
}

/// <summary>
/// Runs the two-pass analysis of one job on the inference device and stores its result folder. Both the web host
/// (jobs in the same process) and the analysis workers (jobs from the message queue) run jobs through this class.
/// </summary>
public sealed class AnalysisJobRunner(
    SegmentationModelProvider models,
    AnalysisOptions analysisOptions,
    ILogger<AnalysisJobRunner> logger)
{
    /// <summary>Minimum time between two progress checkpoints of one job.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Analyses the slide and moves the finished results into <paramref name="resultDirectory"/> in one rename, so
    /// a reader sees either no folder or a complete one. A partial folder is deleted when the analysis fails.
    /// </summary>
    /// <param name="openSlide">Opens the slide on the analysis thread; the runner does not dispose what it returns.</param>
    public async Task<SummaryDocument> RunAsync(
        Func<WholeSlideImage> openSlide,
        string slideId,
        string resultDirectory,
        IAnalysisProgressSink progressSink,
        CancellationToken cancellationToken)
    {
        var staging = ResultFolders.Staging(resultDirectory);
        var progress = Channel.CreateUnbounded<AnalysisProgress>(new UnboundedChannelOptions { SingleReader = true });
        var relay = RelayAsync(progress.Reader, progressSink);
        try
        {
            var summary = await Task.Run(
                () =>
                {
                    var slide = openSlide();
                    ThrowIfBlank(slide, slideId);
                    var writer = new AnalysisResultWriter(staging);
                    var analyzer = new SlideAnalyzer(models.Get(), analysisOptions, logger);
                    var result = analyzer.Analyze(slide, slideId, new ChannelProgress(progress.Writer), writer, cancellationToken);
                    return writer.Write(result);
                },
                cancellationToken);
            ResultFolders.Publish(staging, resultDirectory);
            return summary;
        }
        catch
        {
            ResultFolders.DeleteQuietly(staging);
            throw;
        }
        finally
        {
            progress.Writer.TryComplete();
            await relay;
        }
    }

    /// <summary>Fails the job before any inference when the slide reads back blank, instead of reporting no findings.</summary>
    private static void ThrowIfBlank(WholeSlideImage slide, string slideId)
    {
        if (SlideContentProbe.IsBlank(slide))
        {
            throw new SlideException(
                slide.FilePath,
                $"Slide '{slideId}' ({Path.GetFileName(slide.FilePath)}) reads back blank: every pixel has the same "
                + "colour (all white or fully transparent), so the analysis was not run. Check the scan, replace the "
                + "file and retry.");
        }
    }

    private static async Task RelayAsync(ChannelReader<AnalysisProgress> reader, IAnalysisProgressSink sink)
    {
        var lastCheckpoint = Stopwatch.GetTimestamp();
        await foreach (var report in reader.ReadAllAsync())
        {
            await sink.ReportAsync(report);
            if (Stopwatch.GetElapsedTime(lastCheckpoint) >= CheckpointInterval)
            {
                await sink.CheckpointAsync(report);
                lastCheckpoint = Stopwatch.GetTimestamp();
            }
        }
    }

    private sealed class ChannelProgress(ChannelWriter<AnalysisProgress> writer) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => writer.TryWrite(value);
    }
}
