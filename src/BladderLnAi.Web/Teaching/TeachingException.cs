namespace BladderLnAi.Web.Teaching;

/// <summary>A teaching request that cannot be carried out as asked; the message says why and what to do.</summary>
public sealed class TeachingException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>HTTP status for the API: 400 for invalid input, 409 for a state that forbids the change.</summary>
    public int StatusCode { get; } = statusCode;

    public static TeachingException Conflict(string message) => new(message, StatusCodes.Status409Conflict);
}
