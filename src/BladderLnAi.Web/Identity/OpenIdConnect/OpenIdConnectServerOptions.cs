namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Issuer, keys and registered clients of the built-in OpenID Connect server (configuration section
/// <c>OpenIdConnect</c>).
/// </summary>
public sealed record OpenIdConnectServerOptions
{
    public const string SectionName = "OpenIdConnect";

    /// <summary>
    /// Absolute issuer URI, published by discovery and written to every token's <c>iss</c> claim. Defaults to the
    /// scheme, host and path base of each request, which is wrong behind a proxy that rewrites the host.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// PKCS #12 (.pfx) file with the certificate and key that sign tokens, relative to the content root.
    /// </summary>
    public string? SigningCertificatePath { get; init; }

    /// <summary>Password of <see cref="SigningCertificatePath"/>, or empty when the file has none.</summary>
    public string? SigningCertificatePassword { get; init; }

    /// <summary>
    /// PKCS #12 (.pfx) file with the certificate and key that encrypt tokens, relative to the content root.
    /// </summary>
    public string? EncryptionCertificatePath { get; init; }

    /// <summary>Password of <see cref="EncryptionCertificatePath"/>, or empty when the file has none.</summary>
    public string? EncryptionCertificatePassword { get; init; }

    /// <summary>
    /// Clients created or updated at start-up. Clients in the database but not in this list stay as they are.
    /// </summary>
    public List<OpenIdConnectClientRegistration> Clients { get; init; } = [];
}

/// <summary>OAuth 2.0 client types (RFC 6749, section 2.1).</summary>
public enum OpenIdConnectClientType
{
    /// <summary>A client that cannot keep a secret, such as a desktop viewer or a browser application.</summary>
    Public,

    /// <summary>A client that authenticates with a secret, such as a server-side analysis worker.</summary>
    Confidential,
}

/// <summary>One client of the OpenID Connect server (an entry of <c>OpenIdConnect:Clients</c>).</summary>
public sealed record OpenIdConnectClientRegistration
{
    public string ClientId { get; init; } = "";

    /// <summary>Required for confidential clients and rejected for public ones. Stored hashed.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Name stored with the registration for administrators. Defaults to the client id.</summary>
    public string? DisplayName { get; init; }

    public OpenIdConnectClientType Type { get; init; } = OpenIdConnectClientType.Public;

    /// <summary>
    /// Absolute URIs that may receive authorization codes, at least one for <c>authorization_code</c>.
    /// </summary>
    public string[] RedirectUris { get; init; } = [];

    /// <summary>Absolute URIs that <c>/connect/logout</c> may return the browser to.</summary>
    public string[] PostLogoutRedirectUris { get; init; } = [];

    /// <summary>
    /// Permitted grants: <c>authorization_code</c> (with <c>refresh_token</c> for offline access) for clients acting
    /// for a signed-in user, <c>client_credentials</c> for confidential service clients. At least one is required.
    /// </summary>
    public string[] GrantTypes { get; init; } = [];

    /// <summary>
    /// Permitted scopes. Defaults to <c>openid profile roles bladderln.api</c> (plus <c>offline_access</c> with the
    /// <c>refresh_token</c> grant) for user clients and to <c>bladderln.api</c> for service clients.
    /// </summary>
    public string[] Scopes { get; init; } = [];

    /// <summary>
    /// Roles written to the tokens of a <c>client_credentials</c> client, such as <c>AnalysisWorker</c>. Defaults to
    /// none. The roles of people (<see cref="BladderLnAi.Data.Identity.Roles"/>) are rejected.
    /// </summary>
    public string[] Roles { get; init; } = [];
}
