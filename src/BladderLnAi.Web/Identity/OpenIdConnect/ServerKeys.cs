using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Adds the token signing and encryption keys: the configured PKCS #12 certificates in every environment, else
/// development certificates (Development) or keys that live as long as the process (Testing).
/// </summary>
public static class ServerKeys
{
    public const string TestingEnvironment = "Testing";

    /// <exception cref="InvalidOperationException">
    /// A certificate is missing, unreadable or has no private key, only one of the two is configured, or none is
    /// configured outside Development and Testing.
    /// </exception>
    public static void Add(
        OpenIddictServerBuilder server,
        OpenIdConnectServerOptions options,
        IHostEnvironment environment)
    {
        var root = environment.ContentRootPath;
        var signing = Load(
            root,
            options.SigningCertificatePath,
            options.SigningCertificatePassword,
            "SigningCertificate");
        var encryption = Load(
            root,
            options.EncryptionCertificatePath,
            options.EncryptionCertificatePassword,
            "EncryptionCertificate");
        if (signing is not null && encryption is not null)
        {
            server.AddSigningCertificate(signing);
            server.AddEncryptionCertificate(encryption);
            return;
        }

        if (signing is not null || encryption is not null)
        {
            throw new InvalidOperationException(
                "OpenIdConnect:SigningCertificatePath and OpenIdConnect:EncryptionCertificatePath must be set "
                + "together, but only one of them is set.");
        }

        if (environment.IsDevelopment())
        {
            // Self-signed certificates kept in the current user's certificate store, so tokens survive a restart.
            server.AddDevelopmentSigningCertificate();
            server.AddDevelopmentEncryptionCertificate();
            return;
        }

        if (environment.IsEnvironment(TestingEnvironment))
        {
            server.AddEphemeralSigningKey();
            server.AddEphemeralEncryptionKey();
            return;
        }

        throw new InvalidOperationException(
            "The OpenID Connect server has no signing and encryption certificates in the "
            + $"'{environment.EnvironmentName}' environment. Set OpenIdConnect:SigningCertificatePath and "
            + "OpenIdConnect:EncryptionCertificatePath to PKCS #12 (.pfx) files with private keys, and "
            + "OpenIdConnect:SigningCertificatePassword and OpenIdConnect:EncryptionCertificatePassword when the "
            + "files have passwords. Development keys are used only in the Development and Testing environments.");
    }

    private static X509Certificate2? Load(string contentRoot, string? configuredPath, string? password, string setting)
    {
        if (string.IsNullOrWhiteSpace(configuredPath))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(contentRoot, configuredPath));
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"OpenIdConnect:{setting}Path '{path}' was not found.");
        }

        X509Certificate2 certificate;
        try
        {
            var filePassword = string.IsNullOrEmpty(password) ? null : password;
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, filePassword);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"OpenIdConnect:{setting}Path '{path}' could not be read as a PKCS #12 file ({exception.Message}). "
                + $"Check the file and OpenIdConnect:{setting}Password.",
                exception);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"OpenIdConnect:{setting}Path '{path}' contains no private key. "
                + "Export the certificate together with its private key.");
        }

        return certificate;
    }
}
