using System.Security.Cryptography;
using System.Text;

namespace BladderLnAi.Jobs.WorkerApi;

/// <summary>
/// Job tickets: a random secret sent with each analysis request, of which the database keeps only the SHA-256
/// hash. A worker that presents the ticket has received the request, so it may report on that job and no other.
/// </summary>
public static class JobTickets
{
    /// <summary>Creates a ticket (32 random bytes, base64url) and the hash to store with the job.</summary>
    public static (string Ticket, string Hash) Create()
    {
        var ticket = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (ticket, Hash(ticket));
    }

    /// <summary>Returns whether the ticket's hash equals the stored one, in time independent of where they differ.</summary>
    public static bool Matches(string? ticket, string? storedHash)
    {
        if (string.IsNullOrEmpty(ticket) || string.IsNullOrEmpty(storedHash))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(ticket)),
            Encoding.ASCII.GetBytes(storedHash));
    }

    private static string Hash(string ticket) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
