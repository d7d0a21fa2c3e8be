using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BladderLnAi.Inference;

/// <summary>
/// The description of an exported segmentation model, read from <c>manifest.json</c> beside the ONNX file.
/// </summary>
public sealed record ModelManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public required string Name { get; init; }

    public required string Version { get; init; }

    public string? Architecture { get; init; }

    /// <summary>ONNX file name relative to the manifest's folder.</summary>
    public required string File { get; init; }

    /// <summary>Lower-case hex SHA-256 of the ONNX file.</summary>
    public required string Sha256 { get; init; }

    public required ModelInput Input { get; init; }

    public required ModelOutput Output { get; init; }

    public bool Trained { get; init; }

    public string? TrainingData { get; init; }

    public JsonElement? Metrics { get; init; }

    /// <summary>Absolute path of the folder the manifest was loaded from.</summary>
    [JsonIgnore]
    public string Directory { get; init; } = "";

    [JsonIgnore]
    public string ModelPath => Path.Combine(Directory, File);

    /// <summary>
    /// Loads and validates the manifest in <paramref name="directory"/>, including the ONNX file's SHA-256.
    /// </summary>
    /// <exception cref="ModelLoadException">The manifest is missing or invalid, or the ONNX file does not match it.</exception>
    public static ModelManifest Load(string directory)
    {
        var fullDirectory = Path.GetFullPath(directory);
        var manifestPath = Path.Combine(fullDirectory, FileName);
        if (!System.IO.File.Exists(manifestPath))
        {
            throw new ModelLoadException(
                $"Model manifest '{manifestPath}' was not found. Set Analysis:ModelDirectory (web host) or --model "
                + "(command line) to a folder that contains manifest.json and the ONNX file it names.");
        }

        var manifest = Deserialize(manifestPath) with { Directory = fullDirectory };
        manifest.Validate(manifestPath);
        manifest.VerifyChecksum();
        return manifest;
    }

    private static ModelManifest Deserialize(string manifestPath)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(System.IO.File.ReadAllText(manifestPath), JsonOptions)
                ?? throw new ModelLoadException($"Model manifest '{manifestPath}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"Model manifest '{manifestPath}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private void Validate(string manifestPath)
    {
        if (Input.Size is < 32 or > 4096)
        {
            throw new ModelLoadException(
                $"Model manifest '{manifestPath}' has input size {Input.Size}; expected 32 to 4096 pixels.");
        }

        if (Input.Mean.Length != 3 || Input.Std.Length != 3 || Input.Std.Any(s => s <= 0))
        {
            throw new ModelLoadException(
                $"Model manifest '{manifestPath}' needs three mean values and three positive std values.");
        }

        if (Input.MicronsPerPixel <= 0)
        {
            throw new ModelLoadException(
                $"Model manifest '{manifestPath}' has input micronsPerPixel {Input.MicronsPerPixel}; it must be positive.");
        }

        if (Output.Activation is not ("sigmoid" or "none"))
        {
            throw new ModelLoadException(
                $"Model manifest '{manifestPath}' has output activation '{Output.Activation}'; "
                + "expected 'sigmoid' or 'none'.");
        }
    }

    private void VerifyChecksum()
    {
        if (!System.IO.File.Exists(ModelPath))
        {
            throw new ModelLoadException($"Model file '{ModelPath}' named by the manifest was not found.");
        }

        using var stream = System.IO.File.OpenRead(ModelPath);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(actual, Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException(
                $"Model file '{ModelPath}' has SHA-256 {actual} but the manifest expects {Sha256}. "
                + "Re-export the model or restore the file that matches the manifest.");
        }
    }
}

/// <summary>The network input contract: size, channel order and normalisation.</summary>
public sealed record ModelInput
{
    public string Name { get; init; } = "image";

    /// <summary>Side of the square input in pixels.</summary>
    public int Size { get; init; } = 512;

    public string ChannelOrder { get; init; } = "RGB";

    /// <summary>Pixel values are divided by this before the mean is subtracted.</summary>
    public float Scale { get; init; } = 255f;

    public float[] Mean { get; init; } = [0.485f, 0.456f, 0.406f];

    public float[] Std { get; init; } = [0.229f, 0.224f, 0.225f];

    /// <summary>Resolution that the network expects at its input, in microns per pixel.</summary>
    public double MicronsPerPixel { get; init; } = 2.0;
}

/// <summary>The network output: tensor name, activation the consumer applies, and the finding threshold.</summary>
public sealed record ModelOutput
{
    public string Name { get; init; } = "logits";

    public string Activation { get; init; } = "sigmoid";

    public float Threshold { get; init; } = 0.5f;
}
