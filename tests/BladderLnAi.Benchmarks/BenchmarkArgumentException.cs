namespace BladderLnAi.Benchmarks;

/// <summary>An invalid or missing command-line option; the message names the option and the expected value.</summary>
public sealed class BenchmarkArgumentException(string message) : Exception(message);
