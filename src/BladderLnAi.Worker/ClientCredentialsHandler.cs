using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace BladderLnAi.Worker;

/// <summary>
/// Adds an access token of the worker's OpenID Connect client (client credentials grant, scope
/// <c>bladderln.api</c>) to every request, fetching a new one shortly before the old one expires or after a 401.
/// </summary>
public sealed class ClientCredentialsHandler(WorkerOptions options) : DelegatingHandler
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTime _expiresUtc;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(false, cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The web host may have restarted with new keys; one fresh token decides.
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(true, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(bool renew, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!renew && _token is not null && DateTime.UtcNow < _expiresUtc)
            {
                return _token;
            }

            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.WebHostUrl), "connect/token"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = options.ClientId,
                    ["client_secret"] = options.ClientSecret,
                    ["scope"] = "bladderln.api",
                }),
            };
            using var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException(
                    $"The web host rejected the token request of client '{options.ClientId}' with {(int)response.StatusCode}: {body}. "
                    + "Check Worker:ClientId, Worker:ClientSecret and the client's registration in OpenIdConnect:Clients.");
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new HttpRequestException("The web host returned an empty body for the token request.");
            _token = token.AccessToken;
            _expiresUtc = DateTime.UtcNow + TimeSpan.FromSeconds(token.ExpiresIn) - ExpiryMargin;
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
