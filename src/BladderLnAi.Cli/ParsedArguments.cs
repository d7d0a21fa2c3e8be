namespace BladderLnAi.Cli;

/// <summary>Positional arguments and <c>--name value</c> options of one command.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static ParsedArguments Parse(IEnumerable<string> args)
    {
        var parsed = new ParsedArguments();
        using var enumerator = args.GetEnumerator();
        while (enumerator.MoveNext())
        {
            var current = enumerator.Current;
            if (!current.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(current);
                continue;
            }

            if (!enumerator.MoveNext() || enumerator.Current.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Option '{current}' needs a value.");
            }

            parsed._options[current[2..]] = enumerator.Current;
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public void RejectUnknownOptions(params string[] known)
    {
        var unknown = _options.Keys.FirstOrDefault(key => !known.Contains(key));
        if (unknown is not null)
        {
            throw new UsageException($"Unknown option '--{unknown}'.");
        }
    }

    public string SinglePositional(string name)
    {
        return Positional.Count switch
        {
            1 => Positional[0],
            0 => throw new UsageException($"Missing {name}."),
            _ => throw new UsageException($"Expected one {name} but got {Positional.Count}: {string.Join(' ', Positional)}."),
        };
    }
}
