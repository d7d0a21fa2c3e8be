using System.Security.Cryptography;

namespace BladderLnAi.Web.Identity;

/// <summary>Generates one-time passwords that meet the product's password policy.</summary>
public static class PasswordGenerator
{
    /// <summary>Returns 20 random characters with at least one upper-case letter, lower-case letter, digit and symbol.</summary>
    public static string Generate()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "-_.!#%+";
        var characters = new[]
        {
            RandomNumberGenerator.GetItems<char>(upper, 1)[0],
            RandomNumberGenerator.GetItems<char>(lower, 1)[0],
            RandomNumberGenerator.GetItems<char>(digits, 1)[0],
            RandomNumberGenerator.GetItems<char>(symbols, 1)[0],
        }.Concat(RandomNumberGenerator.GetItems<char>(upper + lower + digits + symbols, 16)).ToArray();
        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }
}
