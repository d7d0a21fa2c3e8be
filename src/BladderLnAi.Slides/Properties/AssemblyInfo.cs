using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("BladderLnAi.Slides.Tests")]
[assembly: InternalsVisibleTo("BladderLnAi.Benchmarks")]
