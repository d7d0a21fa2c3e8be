namespace BladderLnAi.Web.Review;

/// <summary>A review action that the case's rules reject. The message gives the reason and what to do next.</summary>
public sealed class ReviewException(ReviewError error, string message) : Exception(message)
{
    public ReviewError Error { get; } = error;

    public static ReviewException Invalid(string message) => new(ReviewError.Invalid, message);

    public static ReviewException Conflict(string message) => new(ReviewError.Conflict, message);

    public static ReviewException Forbidden(string message) => new(ReviewError.Forbidden, message);

    public static ReviewException NotFound(string message) => new(ReviewError.NotFound, message);

    public static ReviewException TooLarge(string message) => new(ReviewError.TooLarge, message);
}

/// <summary>Kinds of rejected review actions, returned as HTTP 400, 409, 403, 404 and 413.</summary>
public enum ReviewError
{
    Invalid,
    Conflict,
    Forbidden,
    NotFound,
    TooLarge,
}
