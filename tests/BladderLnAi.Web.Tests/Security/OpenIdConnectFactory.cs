using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace BladderLnAi.Web.Tests.Security;

/// <summary>
/// A test host with two OpenID Connect clients registered through configuration: a public viewer that uses the
/// authorization code flow with PKCE, and a confidential analysis worker that uses client credentials.
/// </summary>
public class OpenIdConnectFactory : BladderLnAiFactory
{
    public const string ViewerClientId = "test-viewer";
    public const string ViewerRedirectUri = "http://127.0.0.1/signin-callback";
    public const string ViewerPostLogoutRedirectUri = "http://127.0.0.1/signed-out";
    public const string WorkerClientId = "test-worker";
    public const string WorkerRole = "AnalysisWorker";
    public const string UserScopes = "openid profile roles offline_access bladderln.api";

    /// <summary>A fresh secret per host, so that no test depends on a fixed secret.</summary>
    public string WorkerSecret { get; } = $"worker-{Guid.NewGuid():N}";

    /// <summary>A client that neither follows redirects nor keeps cookies.</summary>
    public HttpClient CreatePlainClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A client that sends the access token in the Authorization header.</summary>
    public HttpClient CreateBearerClient(string accessToken)
    {
        var client = CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Sends the viewer's authorization request through the client and returns the raw response.</summary>
    public static Task<HttpResponseMessage> AuthorizeAsync(
        HttpClient client,
        Pkce? pkce,
        string scope = UserScopes,
        string? method = "S256")
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = ViewerClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = ViewerRedirectUri,
            ["scope"] = scope,
            ["state"] = "state-1",
        };
        if (pkce is not null)
        {
            parameters["code_challenge"] = pkce.Challenge;
            parameters["code_challenge_method"] = method;
        }

        return client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", parameters));
    }

    /// <summary>Runs the authorization code flow with PKCE for a signed-in account and returns its tokens.</summary>
    public async Task<TokenResponse> SignInWithCodeAsync(SignedInAccount account, string scope = UserScopes)
    {
        var pkce = Pkce.Create();
        var authorize = await AuthorizeAsync(account.Client, pkce, scope);
        var code = CodeFromRedirect(authorize);
        var response = await RedeemCodeAsync(code, pkce.Verifier);
        return await TokenResponse.ReadSuccessAsync(response);
    }

    /// <summary>Returns the code that the authorization response sends to the viewer's redirect URI.</summary>
    public static string CodeFromRedirect(HttpResponseMessage authorize)
    {
        var location = authorize.Headers.Location?.ToString() ?? "";
        var toViewer = location.StartsWith(ViewerRedirectUri, StringComparison.Ordinal);
        if (authorize.StatusCode != HttpStatusCode.Redirect || !toViewer)
        {
            throw new InvalidOperationException(
                $"The authorization request returned {(int)authorize.StatusCode} with Location '{location}', "
                + $"not a redirect to {ViewerRedirectUri}.");
        }

        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        return query.TryGetValue("code", out var code)
            ? code.ToString()
            : throw new InvalidOperationException($"The redirect '{location}' carries no code.");
    }

    public Task<HttpResponseMessage> RedeemCodeAsync(string code, string verifier) =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ViewerClientId,
            ["redirect_uri"] = ViewerRedirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier,
        });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ViewerClientId,
            ["refresh_token"] = refreshToken,
        });

    public Task<HttpResponseMessage> ClientCredentialsAsync(string secret, string scope = "bladderln.api") =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = WorkerClientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });

    public Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form) =>
        CreatePlainClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Every test here signs in new accounts, all from the test server's one client address.
        builder.UseSetting("Identity:SignInAttemptsPerWindow", "1000");

        builder.UseSetting("OpenIdConnect:Clients:0:ClientId", ViewerClientId);
        builder.UseSetting("OpenIdConnect:Clients:0:DisplayName", "Test viewer");
        builder.UseSetting("OpenIdConnect:Clients:0:Type", "Public");
        builder.UseSetting("OpenIdConnect:Clients:0:RedirectUris:0", ViewerRedirectUri);
        builder.UseSetting("OpenIdConnect:Clients:0:PostLogoutRedirectUris:0", ViewerPostLogoutRedirectUri);
        builder.UseSetting("OpenIdConnect:Clients:0:GrantTypes:0", "authorization_code");
        builder.UseSetting("OpenIdConnect:Clients:0:GrantTypes:1", "refresh_token");

        builder.UseSetting("OpenIdConnect:Clients:1:ClientId", WorkerClientId);
        builder.UseSetting("OpenIdConnect:Clients:1:Type", "Confidential");
        builder.UseSetting("OpenIdConnect:Clients:1:ClientSecret", WorkerSecret);
        builder.UseSetting("OpenIdConnect:Clients:1:GrantTypes:0", "client_credentials");
        builder.UseSetting("OpenIdConnect:Clients:1:Roles:0", WorkerRole);
    }
}

/// <summary>A PKCE code verifier and its S256 challenge (RFC 7636, section 4.2).</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return new Pkce(verifier, challenge);
    }

    private static string Base64UrlEncode(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);
}

/// <summary>The tokens of a successful token response.</summary>
public sealed record TokenResponse(string AccessToken, string? RefreshToken, string? IdentityToken)
{
    /// <summary>Reads the tokens, and fails with the server's error when the response is not a success.</summary>
    public static async Task<TokenResponse> ReadSuccessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The token request returned {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new TokenResponse(
            root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            root.TryGetProperty("id_token", out var id) ? id.GetString() : null);
    }

    /// <summary>Returns the payload of the signed (not encrypted) identity token.</summary>
    public JsonElement IdentityTokenPayload()
    {
        var token = IdentityToken ?? throw new InvalidOperationException("The response has no identity token.");
        var parts = token.Split('.');
        using var payload = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1]));
        return payload.RootElement.Clone();
    }
}
