using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Audit;
using BladderLnAi.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Audit;

/// <summary>
/// Appends entries to the audit log: who did what to which object, when and from which address. Entries are
/// only ever added; the database context rejects changes and deletions.
/// </summary>
public sealed partial class AuditLog(
    IDbContextFactory<BladderLnAiDbContext> databases,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider time,
    ILogger<AuditLog> logger)
{
    /// <summary>Records an action of the request's user.</summary>
    /// <param name="userName">The account name when the request is not signed in yet, such as at sign-in.</param>
    public Task WriteAsync(
        HttpContext context,
        string action,
        string? objectType = null,
        string? objectId = null,
        int? siteId = null,
        string? details = null,
        string? userName = null) =>
        WriteAsync(context.User, context.Connection.RemoteIpAddress?.ToString(), action, objectType, objectId, siteId, details, userName);

    /// <summary>Records an action from an interactive page, whose client address comes from the circuit's connection.</summary>
    public Task WriteAsync(ClaimsPrincipal user, string action, string? objectType, string? objectId, int? siteId, string? details = null) =>
        WriteAsync(
            user,
            httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            action,
            objectType,
            objectId,
            siteId,
            details,
            null);

    private async Task WriteAsync(
        ClaimsPrincipal user,
        string? remoteAddress,
        string action,
        string? objectType,
        string? objectId,
        int? siteId,
        string? details,
        string? userName)
    {
        var entry = new AuditEntry
        {
            TimestampUtc = time.GetUtcNow().UtcDateTime,
            UserId = user.UserId(),
            UserName = userName ?? user.Identity?.Name,
            Action = action,
            ObjectType = objectType,
            ObjectId = Truncate(objectId, 200),
            SiteId = siteId,
            RemoteAddress = remoteAddress,
            Details = Truncate(details, 4000),
        };
        await using var database = await databases.CreateDbContextAsync();
        if (entry.UserId is null && userName is not null)
        {
            entry.UserId = await database.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync();
        }

        database.AuditEntries.Add(entry);
        await database.SaveChangesAsync();
        Log.Written(logger, action, entry.UserName ?? "anonymous", objectType, objectId);
    }

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Information,
            Message = "Audit: {Action} by {UserName} on {ObjectType} {ObjectId}")]
        public static partial void Written(ILogger logger, string action, string userName, string? objectType, string? objectId);
    }
}
