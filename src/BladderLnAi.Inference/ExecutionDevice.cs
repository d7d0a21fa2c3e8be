namespace BladderLnAi.Inference;

/// <summary>Which ONNX Runtime execution provider to request.</summary>
public enum ExecutionDevice
{
    /// <summary>CUDA when it starts, the CPU otherwise.</summary>
    Auto,

    Cpu,

    /// <summary>CUDA only; loading fails when the CUDA provider cannot start.</summary>
    Cuda,
}
