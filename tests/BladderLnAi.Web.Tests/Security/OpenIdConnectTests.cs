using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Web.Identity.OpenIdConnect;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using OpenIddict.Validation;

namespace BladderLnAi.Web.Tests.Security;

/// <summary>
/// The built-in OpenID Connect server: discovery, the authorization code flow with PKCE, refresh tokens, client
/// credentials, and access tokens at the product's routes, which must see exactly the sites of the token's user.
/// </summary>
[Trait("Category", "Security")]
public sealed class OpenIdConnectTests(OpenIdConnectFactory factory) : IClassFixture<OpenIdConnectFactory>
{
    private const string SlideId = "cmu-1-small-region";
    private const string LatestJobRoute = $"/api/slides/{SlideId}/analyses/latest";

    [Fact]
    public async Task Discovery_ListsEndpointsCodeFlowAndS256Only()
    {
        var response = await factory.CreatePlainClient().GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.EndsWith("/connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.EndsWith("/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.EndsWith("/connect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.EndsWith("/connect/logout", root.GetProperty("end_session_endpoint").GetString());
        Assert.Contains("code", Strings(root, "response_types_supported"));
        Assert.Equal(new[] { "S256" }, Strings(root, "code_challenge_methods_supported"));
        Assert.Contains("client_credentials", Strings(root, "grant_types_supported"));
        Assert.Contains("refresh_token", Strings(root, "grant_types_supported"));
        Assert.Contains(OpenIdConnectScopes.Api, Strings(root, "scopes_supported"));
    }

    [Fact]
    public async Task AuthorizationCode_WithPkce_IssuesAllTokens()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);

        var tokens = await factory.SignInWithCodeAsync(account);

        Assert.False(string.IsNullOrEmpty(tokens.AccessToken), "no access token");
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken), "no refresh token for offline_access");
        var identity = tokens.IdentityTokenPayload();
        Assert.Equal(account.UserId, identity.GetProperty("sub").GetString());
        Assert.Equal(account.UserName, identity.GetProperty("name").GetString());
        Assert.Equal(Roles.Pathologist, identity.GetProperty("role").GetString());
        Assert.False(
            identity.TryGetProperty(TokenIdentities.SecurityStampClaim, out _),
            "the security stamp leaked into the identity token");
    }

    [Fact]
    public async Task AccessToken_Claims_CarrySubjectNameAndRole()
    {
        var account = await factory.SignInAsync(Roles.SeniorPathologist);
        var tokens = await factory.SignInWithCodeAsync(account);

        var principal = await ValidateAccessTokenAsync(tokens.AccessToken);

        Assert.Equal(account.UserId, principal.GetClaim("sub"));
        Assert.Equal(account.UserName, principal.GetClaim("name"));
        Assert.Equal([Roles.SeniorPathologist], principal.GetClaims("role").ToArray());
        Assert.Null(principal.GetClaim(TokenIdentities.SecurityStampClaim));
    }

    [Fact]
    public async Task Authorize_Anonymous_RedirectsToSignInAndBack()
    {
        var pkce = Pkce.Create();

        var response = await OpenIdConnectFactory.AuthorizeAsync(factory.CreatePlainClient(), pkce);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/login", location.AbsolutePath);
        var returnUrl = QueryHelpers.ParseQuery(location.Query)["ReturnUrl"].ToString();
        Assert.StartsWith("/connect/authorize?", returnUrl);
        Assert.Contains($"code_challenge={pkce.Challenge}", returnUrl);
    }

    [Theory]
    [InlineData(false, null, "'code_challenge' parameter is missing")]
    [InlineData(true, "plain", "'code_challenge_method' is not supported")]
    public async Task Authorize_WithoutS256Challenge_IsRejected(
        bool sendChallenge,
        string? method,
        string expectedReason)
    {
        var account = await factory.SignInAsync(Roles.Pathologist);

        // The plain method's challenge is the verifier itself.
        var verifier = Pkce.Create().Verifier;
        var pkce = sendChallenge ? new Pkce(verifier, verifier) : null;

        var response = await OpenIdConnectFactory.AuthorizeAsync(account.Client, pkce, method: method);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", body);
        Assert.Contains(expectedReason, body);
    }

    [Fact]
    public async Task AccessToken_SameSiteUser_ReadsSlideRoutes()
    {
        var jobId = await AddCancelledJobAsync();
        var account = await factory.SignInAsync(Roles.Pathologist);
        var tokens = await factory.SignInWithCodeAsync(account);
        var client = factory.CreateBearerClient(tokens.AccessToken);

        var latest = await client.GetAsync(LatestJobRoute);
        var job = await client.GetAsync($"/api/analyses/{jobId}");

        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        Assert.Equal(jobId, (await latest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, job.StatusCode);
    }

    [Fact]
    public async Task AccessToken_OtherSiteUser_GetsNotFound()
    {
        var jobId = await AddCancelledJobAsync();
        var outsider = await factory.SignInAsync(Roles.SeniorPathologist, TestSites.Other);
        var tokens = await factory.SignInWithCodeAsync(outsider);
        var client = factory.CreateBearerClient(tokens.AccessToken);

        var latest = await client.GetAsync(LatestJobRoute);
        var job = await client.GetAsync($"/api/analyses/{jobId}");

        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
    }

    [Fact]
    public async Task AccessToken_WithoutApiScope_IsUnauthorized()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);
        var tokens = await factory.SignInWithCodeAsync(account, "openid profile");

        var response = await factory.CreateBearerClient(tokens.AccessToken).GetAsync(LatestJobRoute);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RefreshToken_IssuesNewWorkingAccessToken()
    {
        await AddCancelledJobAsync();
        var account = await factory.SignInAsync(Roles.Pathologist);
        var first = await factory.SignInWithCodeAsync(account);

        var refreshed = await TokenResponse.ReadSuccessAsync(await factory.RefreshAsync(first.RefreshToken!));
        var response = await factory.CreateBearerClient(refreshed.AccessToken).GetAsync(LatestJobRoute);

        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefreshToken_AfterPasswordChange_IsRejected()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);
        var tokens = await factory.SignInWithCodeAsync(account);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(account.UserId);
            var changed = await users.ChangePasswordAsync(user!, account.Password, $"Changed-{Guid.NewGuid():N}");
            Assert.True(changed.Succeeded, "the password could not be changed");
        }

        var response = await factory.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task AuthorizationCode_RedeemedTwice_IsRejected()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);
        var pkce = Pkce.Create();
        var authorize = await OpenIdConnectFactory.AuthorizeAsync(account.Client, pkce);
        var code = OpenIdConnectFactory.CodeFromRedirect(authorize);

        var first = await factory.RedeemCodeAsync(code, pkce.Verifier);
        var second = await factory.RedeemCodeAsync(code, pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", await ErrorOfAsync(second));
    }

    [Fact]
    public async Task AuthorizationCode_WrongVerifier_IsRejected()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);
        var authorize = await OpenIdConnectFactory.AuthorizeAsync(account.Client, Pkce.Create());
        var code = OpenIdConnectFactory.CodeFromRedirect(authorize);

        var response = await factory.RedeemCodeAsync(code, Pkce.Create().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task ClientCredentials_ValidSecret_IssuesServiceToken()
    {
        var response = await factory.ClientCredentialsAsync(factory.WorkerSecret);

        var tokens = await TokenResponse.ReadSuccessAsync(response);
        var principal = await ValidateAccessTokenAsync(tokens.AccessToken);
        Assert.Equal(OpenIdConnectFactory.WorkerClientId, principal.GetClaim("sub"));
        Assert.Equal([OpenIdConnectFactory.WorkerRole], principal.GetClaims("role").ToArray());
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task ClientCredentials_ServiceToken_SeesNoSiteSlides()
    {
        await AddCancelledJobAsync();
        var tokens = await TokenResponse.ReadSuccessAsync(await factory.ClientCredentialsAsync(factory.WorkerSecret));

        var response = await factory.CreateBearerClient(tokens.AccessToken).GetAsync(LatestJobRoute);

        // Authenticated (not 401), but a client belongs to no site.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsRejected()
    {
        var response = await factory.ClientCredentialsAsync("not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task ClientCredentials_PublicClient_IsRejected()
    {
        var response = await factory.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = OpenIdConnectFactory.ViewerClientId,
            ["client_secret"] = "made-up-secret",
            ["scope"] = OpenIdConnectScopes.Api,
        });

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unauthorized_client", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Bearer_GarbageToken_IsUnauthorized()
    {
        var response = await factory.CreateBearerClient("not-a-token").GetAsync(LatestJobRoute);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Anonymous_ApiAndTiles_GetBearerChallenge()
    {
        var client = factory.CreatePlainClient();

        var api = await client.GetAsync(LatestJobRoute);
        var tile = await client.GetAsync($"/dzi/{SlideId}.dzi");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains(api.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, tile.StatusCode);
        Assert.Contains(tile.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task Anonymous_Page_RedirectsToSignIn()
    {
        var response = await factory.CreatePlainClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task QueryStringToken_AcceptedOnlyByHubs()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);
        var tokens = await factory.SignInWithCodeAsync(account);
        var client = factory.CreatePlainClient();
        var token = Uri.EscapeDataString(tokens.AccessToken);

        var hub = await client.PostAsync($"/hubs/analysis/negotiate?negotiateVersion=1&access_token={token}", null);
        var hubWithoutToken = await client.PostAsync("/hubs/analysis/negotiate?negotiateVersion=1", null);
        var api = await client.GetAsync($"{LatestJobRoute}?access_token={token}");

        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hubWithoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task UserInfo_ReturnsSubjectNameAndRoles()
    {
        var account = await factory.SignInAsync(Roles.Resident);
        var tokens = await factory.SignInWithCodeAsync(account);

        var response = await factory.CreateBearerClient(tokens.AccessToken).GetAsync("/connect/userinfo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.UserId, claims.GetProperty("sub").GetString());
        Assert.Equal(account.UserName, claims.GetProperty("name").GetString());
        Assert.Equal([Roles.Resident], claims.GetProperty("role").EnumerateArray().Select(role => role.GetString()));
    }

    [Fact]
    public async Task EndSession_WithHint_SignsOut()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);
        var tokens = await factory.SignInWithCodeAsync(account);
        var url = QueryHelpers.AddQueryString("/connect/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdentityToken,
            ["post_logout_redirect_uri"] = OpenIdConnectFactory.ViewerPostLogoutRedirectUri,
        });

        var response = await account.Client.GetAsync(url);
        var afterwards = await account.Client.GetAsync(LatestJobRoute);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(OpenIdConnectFactory.ViewerPostLogoutRedirectUri, response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task EndSession_WithoutHint_KeepsSession()
    {
        var account = await factory.SignInAsync(Roles.Pathologist);

        var response = await account.Client.GetAsync("/connect/logout");
        var afterwards = await account.Client.GetAsync(LatestJobRoute);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task Registrar_RunTwice_KeepsOneUpdatedClient()
    {
        var registrar = factory.Services.GetServices<IHostedService>().OfType<ClientRegistrar>().Single();
        var changed = new OpenIdConnectClientRegistration
        {
            ClientId = "registrar-client",
            Type = OpenIdConnectClientType.Public,
            RedirectUris = ["http://127.0.0.1/first"],
            GrantTypes = ["authorization_code"],
        };

        await registrar.RegisterAsync([changed], CancellationToken.None);
        var moved = changed with { RedirectUris = ["http://127.0.0.1/second"] };
        await registrar.RegisterAsync([moved], CancellationToken.None);

        await using var scope = factory.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var all = new List<string?>();
        await foreach (var application in applications.ListAsync())
        {
            all.Add(await applications.GetClientIdAsync(application));
        }

        var stored = await applications.FindByClientIdAsync("registrar-client");
        Assert.Single(all, id => id == "registrar-client");
        Assert.Equal(["http://127.0.0.1/second"], (await applications.GetRedirectUrisAsync(stored!)).ToArray());
    }

    [Fact]
    public async Task Registrar_ChangedSecret_ReplacesOldSecret()
    {
        var registrar = factory.Services.GetServices<IHostedService>().OfType<ClientRegistrar>().Single();
        var worker = new OpenIdConnectClientRegistration
        {
            ClientId = "registrar-worker",
            Type = OpenIdConnectClientType.Confidential,
            ClientSecret = $"first-{Guid.NewGuid():N}",
            GrantTypes = ["client_credentials"],
        };
        var rotated = worker with { ClientSecret = $"second-{Guid.NewGuid():N}" };

        await registrar.RegisterAsync([worker], CancellationToken.None);
        await registrar.RegisterAsync([worker], CancellationToken.None);
        var sameSecretAfterRerun = await RequestClientTokenAsync(worker);
        await registrar.RegisterAsync([rotated], CancellationToken.None);
        var oldSecret = await RequestClientTokenAsync(worker);
        var newSecret = await RequestClientTokenAsync(rotated);

        Assert.Equal(HttpStatusCode.OK, sameSecretAfterRerun.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newSecret.StatusCode);
    }

    private Task<HttpResponseMessage> RequestClientTokenAsync(OpenIdConnectClientRegistration client) =>
        factory.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret!,
            ["scope"] = OpenIdConnectScopes.Api,
        });

    private async Task<ClaimsPrincipal> ValidateAccessTokenAsync(string accessToken) =>
        await factory.Services.GetRequiredService<OpenIddictValidationService>().ValidateAccessTokenAsync(accessToken);

    /// <summary>Adds a cancelled analysis of the primary site's slide, which no worker picks up.</summary>
    private async Task<Guid> AddCancelledJobAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BladderLnAiDbContext>();
        var job = new AnalysisJob
        {
            SlideId = SlideId,
            SlideFileName = "CMU-1-Small-Region.svs",
            Status = AnalysisJobStatus.Cancelled,
            FinishedUtc = DateTime.UtcNow,
        };
        database.AnalysisJobs.Add(job);
        await database.SaveChangesAsync();
        return job.Id;
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
    }

    private static string[] Strings(JsonElement root, string property) =>
        [.. root.GetProperty(property).EnumerateArray().Select(value => value.GetString() ?? "")];

}
