namespace BladderLnAi.Web.Teaching;

/// <summary>Display names of the AJCC size class codes used by findings and marks.</summary>
public static class SizeClassNames
{
    public static string Name(string? code) => code switch
    {
        "itc" => "isolated tumour cells",
        "micro" => "micrometastasis",
        "macro" => "macrometastasis",
        "unknown" => "size unknown",
        _ => "not given",
    };

    public static string Short(string? code) => code switch
    {
        "itc" => "ITC",
        "micro" => "Micro",
        "macro" => "Macro",
        "unknown" => "Unknown",
        _ => "-",
    };
}
