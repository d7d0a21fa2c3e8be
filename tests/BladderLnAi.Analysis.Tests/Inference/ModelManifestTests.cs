using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BladderLnAi.Inference;
using BladderLnAi.Tests;

namespace BladderLnAi.Analysis.Tests.Inference;

[Trait("Category", "Analysis")]
public sealed class ModelManifestTests : IDisposable
{
    private readonly string _temporaryDirectory = TestPaths.NewTempDirectory("manifest");

    public void Dispose() => Directory.Delete(_temporaryDirectory, recursive: true);

    [Fact]
    public void Load_BundledModel_ChecksumMatchesOnnxFile()
    {
        var manifest = ModelManifest.Load(TestPaths.ModelDirectory);

        using var stream = File.OpenRead(manifest.ModelPath);
        var actualSha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        Assert.Equal(actualSha256, manifest.Sha256.ToLowerInvariant());
        Assert.Equal(Path.GetFullPath(TestPaths.ModelDirectory), manifest.Directory);
        Assert.False(string.IsNullOrWhiteSpace(manifest.Name), "The manifest names no model.");
        Assert.True(manifest.Input.Size > 0, $"Input size {manifest.Input.Size} is not positive.");
        Assert.True(manifest.Input.MicronsPerPixel > 0, $"Input mpp {manifest.Input.MicronsPerPixel} is not positive.");
        Assert.InRange(manifest.Output.Threshold, 0f, 1f);
    }

    [Fact]
    public void Load_AlteredSha256_ThrowsNamingOnnxFile()
    {
        var (modelDirectory, modelPath) = CopyBundledModel(sha256: new string('0', 64), includeOnnxFile: true);

        var exception = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(modelDirectory));

        Assert.Contains(modelPath, exception.Message);
        Assert.Contains("SHA-256", exception.Message);
        Assert.Contains(new string('0', 64), exception.Message);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsNamingManifestPath()
    {
        var missingDirectory = Path.Combine(_temporaryDirectory, "no-such-model");

        var exception = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(missingDirectory));

        Assert.Contains(Path.Combine(missingDirectory, ModelManifest.FileName), exception.Message);
        Assert.Contains("not found", exception.Message);
    }

    [Fact]
    public void Load_MissingOnnxFile_ThrowsNamingFile()
    {
        var (modelDirectory, modelPath) = CopyBundledModel(sha256: null, includeOnnxFile: false);

        var exception = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(modelDirectory));

        Assert.Contains(modelPath, exception.Message);
        Assert.Contains("not found", exception.Message);
    }

    /// <summary>
    /// Copies the bundled manifest, and the ONNX file when <paramref name="includeOnnxFile"/> is set, into a
    /// temporary folder. A non-null <paramref name="sha256"/> replaces the manifest's checksum.
    /// </summary>
    private (string Directory, string ModelPath) CopyBundledModel(string? sha256, bool includeOnnxFile)
    {
        var directory = Path.Combine(_temporaryDirectory, "model");
        Directory.CreateDirectory(directory);
        var bundledManifestPath = Path.Combine(TestPaths.ModelDirectory, ModelManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(bundledManifestPath))!;
        var onnxFileName = manifest["file"]!.GetValue<string>();
        if (sha256 is not null)
        {
            manifest["sha256"] = sha256;
        }

        File.WriteAllText(Path.Combine(directory, ModelManifest.FileName), manifest.ToJsonString());
        var modelPath = Path.Combine(directory, onnxFileName);
        if (includeOnnxFile)
        {
            File.Copy(Path.Combine(TestPaths.ModelDirectory, onnxFileName), modelPath);
        }

        return (directory, modelPath);
    }
}
