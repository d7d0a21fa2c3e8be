using System.Text.Json;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Inference;
using BladderLnAi.Tests;
using BladderLnAi.Training.Datasets;

namespace BladderLnAi.Training.Tests.Datasets;

/// <summary>
/// Trains a few steps on a tiny dual dataset with <c>src/training/train.py</c>, exports the weights with
/// <c>export_onnx.py</c>, and runs the result through the product's ONNX inference.
/// </summary>
[Trait("Category", "Model")]
public class DualDatasetTrainingTests
{
    // A 64-pixel network input keeps the export and the test fast, and the architecture is the same as at 512.
    private const int InputSize = 64;

    [TorchFact]
    public void TinyRun_ExportsModelThatInferenceLoads()
    {
        var directory = TestPaths.NewTempDirectory("dual-training");
        try
        {
            var dataset = BuildTinyDataset(directory);
            var weights = Path.Combine(directory, "weights.pt");
            var modelDirectory = Path.Combine(directory, "model");

            var (trainExit, trainOutput) = TrainingPython.RunScript(
                TestPaths.RepositoryRoot,
                TimeSpan.FromMinutes(10),
                "src/training/train.py",
                "--dataset", dataset,
                "--out", weights,
                "--epochs", "1",
                "--steps-per-epoch", "2",
                "--batch-size", "2",
                "--patch-size", "64",
                "--val-patches", "1",
                "--bn-recalibration-patches", "2",
                "--threads", "2");
            Assert.True(trainExit == 0, $"train.py failed:\n{trainOutput}");

            var (exportExit, exportOutput) = TrainingPython.RunScript(
                TestPaths.RepositoryRoot,
                TimeSpan.FromMinutes(10),
                "src/training/export_onnx.py",
                "--weights", weights,
                "--out", modelDirectory,
                "--input-size", InputSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--version", "0.0.0-test",
                "--training-data", "Two steps on a tiny dual dataset, for a test.");
            Assert.True(exportExit == 0, $"export_onnx.py failed:\n{exportOutput}");

            AssertLogHasBothSets(Path.ChangeExtension(weights, ".jsonl"));
            AssertInferenceRuns(modelDirectory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string BuildTinyDataset(string directory)
    {
        var slides = Path.Combine(directory, "slides");
        Directory.CreateDirectory(slides);
        File.CreateSymbolicLink(Path.Combine(slides, "cmu.svs"), TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        File.WriteAllText(Path.Combine(slides, "cmu.geojson"), """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
              "geometry": {"type": "Polygon", "coordinates": [[[900, 1300], [1300, 1300], [1300, 1700], [900, 1700], [900, 1300]]]}}]}
            """);
        var output = Path.Combine(directory, "dataset");
        var options = new DatasetOptions { FieldsPerSlide = 2, NoisySaliencyShare = 0 };
        var summary = new DatasetBuilder(ModelManifest.Load(TestPaths.ModelDirectory), options).Build(slides, output);
        Assert.True(summary.ResampledSamples > 0, "the tiny dataset has no resampled pair");
        return output;
    }

    private static void AssertLogHasBothSets(string logPath)
    {
        var lines = File.ReadAllLines(logPath);
        Assert.True(lines.Length >= 2, $"{logPath} has {lines.Length} lines");
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.True(last.RootElement.TryGetProperty("trainLossOriginal", out var original), "no trainLossOriginal");
        Assert.True(last.RootElement.TryGetProperty("trainLossResampled", out var resampled), "no trainLossResampled");
        Assert.True(double.IsFinite(original.GetDouble()));
        Assert.True(double.IsFinite(resampled.GetDouble()));
    }

    private static void AssertInferenceRuns(string modelDirectory)
    {
        using var model = OnnxSegmentationModel.Load(modelDirectory, ExecutionDevice.Cpu);
        var image = new RgbImage(InputSize, InputSize);
        image.Fill(180, 120, 190);

        var probability = model.Segment(image);

        Assert.Equal(InputSize, model.InputSize);
        Assert.Equal(InputSize * InputSize, probability.Values.Length);
        Assert.All(probability.Values, value => Assert.InRange(value, 0f, 1f));
    }
}
