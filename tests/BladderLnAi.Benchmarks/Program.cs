using BladderLnAi.Benchmarks;
using BladderLnAi.Benchmarks.Analysis;
using BladderLnAi.Benchmarks.Load;
using BladderLnAi.Benchmarks.Micro;
using BladderLnAi.Benchmarks.Tiles;

const string Usage = """
    Usage: dotnet run -c Release --project tests/BladderLnAi.Benchmarks -- COMMAND [OPTIONS]

    Commands:
      tiles [--quick] [--slides DIR]...
          Serves the same slides from BladderLnAi and from openslide-python's DeepZoomGenerator behind Flask, and
          measures a cold pass over every tile and a warm replay of viewing sessions at 1, 8 and 32 clients.
          --quick     shorter sessions and a 45-second limit per pass, under five minutes in all
          --slides    serve every slide of DIR instead of the three sample slides (repeatable)
      analysis [--slide PATH] [--device auto|cpu|cuda]
          Times the two-pass analysis by stage and a full-resolution sliding window over the same fields.
          --slide     slide to analyse (default: CMU-1-Small-Region.svs from the sample slides)
          --device    ONNX Runtime execution provider to request (default: auto)
      load [--viewers N] [--seconds S] [--slides DIR]...
          Queues an analysis of every slide and lets N simulated viewers (default 32) pan and zoom over all slides
          for S seconds (default 60) on loopback, then prints one summary line: errors, tile latency p50/p95/p99,
          peak resident memory of the server, cache hit ratio and analysis outcomes. Exits 1 on any error.
          --slides    serve every slide of DIR instead of the sample slides (repeatable)
      bdn [BenchmarkDotNet arguments]
          Resampler and tile encoding micro-benchmarks on one core, for example: bdn --filter '*'
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    return args[0] switch
    {
        "tiles" => await TileBenchmark.RunAsync(TileBenchmarkOptions.Parse(args[1..])),
        "load" => await LoadTest.RunAsync(LoadOptions.Parse(args[1..])),
        "analysis" => AnalysisBenchmark.Run(AnalysisBenchmarkOptions.Parse(args[1..])),
        "bdn" => MicroBenchmarks.Run(args[1..]),
        _ => Fail($"Unknown command '{args[0]}'.\n{Usage}"),
    };
}
catch (BenchmarkArgumentException exception)
{
    return Fail($"{exception.Message}\n{Usage}");
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
