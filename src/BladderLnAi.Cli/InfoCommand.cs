using System.Text.Json;
using BladderLnAi.Slides;

namespace BladderLnAi.Cli;

/// <summary>Prints a slide's geometry and properties as JSON.</summary>
public static class InfoCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static int Run(ParsedArguments arguments, TextWriter output)
    {
        arguments.RejectUnknownOptions();
        var path = arguments.SinglePositional("SLIDE path");
        using var slide = WholeSlideImage.Open(path);
        var info = new
        {
            file = Path.GetFullPath(path),
            vendor = slide.Vendor,
            width = slide.Width,
            height = slide.Height,
            micronsPerPixelX = slide.MicronsPerPixelX,
            micronsPerPixelY = slide.MicronsPerPixelY,
            levels = slide.Levels.Select(level => new { level.Index, level.Width, level.Height, level.Downsample }),
            associatedImages = slide.AssociatedImageNames,
            properties = new SortedDictionary<string, string>(
                slide.Properties.ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.Ordinal),
        };
        output.WriteLine(JsonSerializer.Serialize(info, JsonOptions));
        return CommandLine.Success;
    }
}
