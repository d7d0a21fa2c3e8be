using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using BladderLnAi.Tests;
using BladderLnAi.Web.Identity.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace BladderLnAi.Web.Tests.Security;

/// <summary>
/// Signing and encryption keys of the OpenID Connect server: configured PKCS #12 certificates anywhere, development
/// keys only in Development and Testing, and HTTPS outside them.
/// </summary>
[Trait("Category", "Security")]
public sealed class OpenIdConnectKeyTests : IDisposable
{
    private const string Password = "test-pfx-password";

    private readonly string _directory = TestPaths.NewTempDirectory("oidc-keys");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Keys_ProductionWithoutCertificates_NameTheSettings()
    {
        var options = new OpenIdConnectServerOptions();

        var error = Assert.Throws<InvalidOperationException>(() => AddKeys(options, Environments.Production));

        Assert.Contains("OpenIdConnect:SigningCertificatePath", error.Message);
        Assert.Contains("OpenIdConnect:EncryptionCertificatePath", error.Message);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Keys_DevelopmentOrTestingWithoutCertificates_AreAdded(string environment)
    {
        var services = AddKeys(new OpenIdConnectServerOptions(), environment);

        var server = services.BuildServiceProvider().GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        Assert.NotEmpty(server.SigningCredentials);
        Assert.NotEmpty(server.EncryptionCredentials);
    }

    [Fact]
    public void Keys_OnlySigningCertificate_IsRejected()
    {
        var options = new OpenIdConnectServerOptions
        {
            SigningCertificatePath = WritePfx("signing", X509KeyUsageFlags.DigitalSignature),
            SigningCertificatePassword = Password,
        };

        var error = Assert.Throws<InvalidOperationException>(() => AddKeys(options, Environments.Development));

        Assert.Contains("must be set together", error.Message);
    }

    [Fact]
    public void Keys_MissingFile_NamesThePath()
    {
        var missing = Path.Combine(_directory, "missing.pfx");
        var options = Configured() with { EncryptionCertificatePath = missing };

        var error = Assert.Throws<InvalidOperationException>(() => AddKeys(options, Environments.Production));

        Assert.Contains("OpenIdConnect:EncryptionCertificatePath", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Keys_WrongPassword_NamesThePasswordSetting()
    {
        var options = Configured() with { SigningCertificatePassword = "wrong" };

        var error = Assert.Throws<InvalidOperationException>(() => AddKeys(options, Environments.Production));

        Assert.Contains("OpenIdConnect:SigningCertificatePassword", error.Message);
    }

    [Fact]
    public void Keys_CertificateWithoutPrivateKey_IsRejected()
    {
        var publicOnly = Path.Combine(_directory, "public-only.pfx");
        var withKey = WritePfx("with-key", X509KeyUsageFlags.DigitalSignature);
        using (var certificate = X509CertificateLoader.LoadPkcs12FromFile(withKey, Password))
        using (var withoutKey = X509CertificateLoader.LoadCertificate(certificate.RawData))
        {
            File.WriteAllBytes(publicOnly, withoutKey.Export(X509ContentType.Pfx, Password));
        }

        var options = Configured() with { SigningCertificatePath = publicOnly };

        var error = Assert.Throws<InvalidOperationException>(() => AddKeys(options, Environments.Production));

        Assert.Contains("no private key", error.Message);
    }

    [Fact]
    public void Host_ProductionWithoutCertificates_FailsToStart()
    {
        using var factory = new ProductionFactory(new OpenIdConnectServerOptions());

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("OpenIdConnect:SigningCertificatePath", Messages(error));
    }

    [Fact]
    public async Task Host_ProductionCertificates_ServedOverHttpsOnly()
    {
        var options = Configured();
        using var signing = X509CertificateLoader.LoadPkcs12FromFile(options.SigningCertificatePath!, Password);
        await using var factory = new ProductionFactory(options);
        var https = CreateHttpsClient(factory);
        var http = factory.CreatePlainClient();

        var keys = await https.GetAsync("/.well-known/jwks");
        var overHttp = await http.GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        using var json = JsonDocument.Parse(await keys.Content.ReadAsStringAsync());
        var thumbprints = json.RootElement.GetProperty("keys").EnumerateArray()
            .Select(key => key.TryGetProperty("x5t", out var x5t) ? x5t.GetString() : null);
        Assert.Contains(WebEncoders.Base64UrlEncode(signing.GetCertHash()), thumbprints);
        Assert.Equal(HttpStatusCode.BadRequest, overHttp.StatusCode);
    }

    [Fact]
    public async Task Host_ProductionCertificates_IssueValidTokens()
    {
        await using var factory = new ProductionFactory(Configured());
        var https = CreateHttpsClient(factory);

        var response = await https.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = OpenIdConnectFactory.WorkerClientId,
            ["client_secret"] = factory.WorkerSecret,
            ["scope"] = OpenIdConnectScopes.Api,
        }));

        var tokens = await TokenResponse.ReadSuccessAsync(response);
        var validation = factory.Services.GetRequiredService<OpenIddictValidationService>();
        var principal = await validation.ValidateAccessTokenAsync(tokens.AccessToken);
        Assert.Equal(OpenIdConnectFactory.WorkerClientId, principal.FindFirst("sub")?.Value);

        // Five dot-separated parts: a JWE, so the configured encryption certificate was used.
        Assert.Equal(5, tokens.AccessToken.Split('.').Length);
    }

    private static HttpClient CreateHttpsClient(OpenIdConnectFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });

    private OpenIdConnectServerOptions Configured() => new()
    {
        SigningCertificatePath = WritePfx("signing", X509KeyUsageFlags.DigitalSignature),
        SigningCertificatePassword = Password,
        EncryptionCertificatePath = WritePfx("encryption", X509KeyUsageFlags.KeyEncipherment),
        EncryptionCertificatePassword = Password,
    };

    private IServiceCollection AddKeys(OpenIdConnectServerOptions options, string environment)
    {
        var services = new ServiceCollection().AddOptions();
        ServerKeys.Add(new OpenIddictServerBuilder(services), options, new TestEnvironment(environment, _directory));
        return services;
    }

    private string WritePfx(string name, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(
            $"CN=BladderLnAi test {name}",
            rsa,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var path = Path.Combine(_directory, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }

    /// <summary>A host in the Production environment with the given certificate settings.</summary>
    private sealed class ProductionFactory(OpenIdConnectServerOptions keys) : OpenIdConnectFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("OpenIdConnect:SigningCertificatePath", keys.SigningCertificatePath);
            builder.UseSetting("OpenIdConnect:SigningCertificatePassword", keys.SigningCertificatePassword);
            builder.UseSetting("OpenIdConnect:EncryptionCertificatePath", keys.EncryptionCertificatePath);
            builder.UseSetting("OpenIdConnect:EncryptionCertificatePassword", keys.EncryptionCertificatePassword);
        }
    }

    private sealed class TestEnvironment(string name, string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "BladderLnAi.Web.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
