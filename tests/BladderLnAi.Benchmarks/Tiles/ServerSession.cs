namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>A started server and the cookies of its signed-in session, if it needs one.</summary>
public sealed record ServerSession(TileServer Server, string? Cookie)
{
    public static async Task<ServerSession> StartAsync(TileServer server)
    {
        await server.StartAsync();
        return new ServerSession(server, await server.SignInAsync());
    }

    /// <summary>Creates a client for this server that sends the session cookie with every request.</summary>
    public HttpClient CreateClient(HttpMessageHandler handler)
    {
        var http = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = Server.BaseAddress,
            Timeout = TileBenchmarkOptions.RequestTimeout,
        };
        if (Cookie is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", Cookie);
        }

        return http;
    }
}
