namespace BladderLnAi.Inference;

/// <summary>Raised when a model manifest or ONNX file is missing, invalid or cannot be loaded.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
