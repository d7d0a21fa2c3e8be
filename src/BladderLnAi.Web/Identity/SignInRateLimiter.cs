using System.Collections.Concurrent;

namespace BladderLnAi.Web.Identity;

/// <summary>
/// Counts sign-in attempts per account and per client address in a fixed window, so that password guessing
/// is slowed down even across many accounts or many addresses.
/// </summary>
public sealed class SignInRateLimiter(AccountOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Records one attempt for the account and the address and returns false when either has used up its
    /// attempts for the current window.
    /// </summary>
    public bool TryAcquire(string userName, string? remoteAddress)
    {
        var accountAllowed = Acquire($"account:{userName.Trim()}");
        var addressAllowed = Acquire($"address:{remoteAddress ?? "unknown"}");
        return accountAllowed && addressAllowed;
    }

    private bool Acquire(string key)
    {
        var now = time.GetUtcNow();
        var length = TimeSpan.FromSeconds(options.SignInWindowSeconds);
        var window = _windows.AddOrUpdate(
            key,
            _ => new Window(now, 1),
            (_, current) => now - current.Start >= length ? new Window(now, 1) : current with { Count = current.Count + 1 });
        return window.Count <= options.SignInAttemptsPerWindow;
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
