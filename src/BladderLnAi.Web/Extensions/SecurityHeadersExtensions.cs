namespace BladderLnAi.Web.Extensions;

public static class SecurityHeadersExtensions
{
    /// <summary>
    /// The content security policy. OpenSeadragon draws tiles from this origin on canvases and MudBlazor
    /// sets inline styles; the Blazor circuit and SignalR connect back over WebSockets to this origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "connect-src 'self' ws: wss:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
        + "frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            await next();
        });
}
