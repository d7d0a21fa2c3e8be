using System.Text.RegularExpressions;

namespace BladderLnAi.Training.Annotations;

/// <summary>Decides from a classification name whether an annotation marks tumour.</summary>
public static partial class TumourClassNames
{
    /// <summary>
    /// Returns true when the name contains "tumor", "tumour" or "metasta" (metastasis, metastases, metastatic),
    /// ignoring case, unless "non", "not" or "no" comes right before it, as in "Non-tumor" or "NonTumour".
    /// </summary>
    public static bool IsTumour(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TumourPattern().IsMatch(name) && !NegatedTumourPattern().IsMatch(name);
    }

    [GeneratedRegex("tumou?r|metasta", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TumourPattern();

    [GeneratedRegex(@"\b(non|not|no)[\s_-]*(tumou?r|metasta)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegatedTumourPattern();
}
