using System.Text.Json;
using BladderLnAi.Data.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Turns the configured clients into OpenIddict application descriptors, and rejects an invalid entry with a message
/// that names its setting.
/// </summary>
public static class ClientDescriptorFactory
{
    /// <summary>Application property that stores the roles of a client-credentials client, as a JSON array.</summary>
    public const string ClientRolesProperty = "bladderln_roles";

    private static readonly string[] SupportedGrantTypes =
        [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials];

    private static readonly string Supported = string.Join(", ", SupportedGrantTypes);

    /// <summary>Creates one descriptor per client.</summary>
    /// <exception cref="InvalidOperationException">A client is invalid, or two clients share an id.</exception>
    public static IReadOnlyList<OpenIddictApplicationDescriptor> CreateAll(
        IReadOnlyList<OpenIdConnectClientRegistration> clients)
    {
        var descriptors = new List<OpenIddictApplicationDescriptor>(clients.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < clients.Count; index++)
        {
            var descriptor = Create(clients[index], index);
            if (!ids.Add(descriptor.ClientId!))
            {
                throw Invalid(
                    index,
                    "ClientId",
                    $"client id '{descriptor.ClientId}' is registered twice, but client ids must be unique.");
            }

            descriptors.Add(descriptor);
        }

        return descriptors;
    }

    /// <summary>Creates the descriptor of entry <paramref name="index"/> of <c>OpenIdConnect:Clients</c>.</summary>
    /// <exception cref="InvalidOperationException">The client is invalid.</exception>
    public static OpenIddictApplicationDescriptor Create(OpenIdConnectClientRegistration client, int index)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            throw Invalid(index, "ClientId", "the client id is missing.");
        }

        var grantTypes = ValidateGrantTypes(client, index);
        ValidateSecret(client, index);
        var scopes = ValidateScopes(client, index, grantTypes);
        var roles = ValidateRoles(client, index, grantTypes);

        var confidential = client.Type == OpenIdConnectClientType.Confidential;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.ClientSecret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = string.IsNullOrWhiteSpace(client.DisplayName) ? client.ClientId : client.DisplayName,

            // Clients come from the operator's configuration, so they are first-party and their users see no
            // consent page, because signing in is consent.
            ConsentType = ConsentTypes.Implicit,
        };

        AddUris(descriptor.RedirectUris, client.RedirectUris, index, "RedirectUris");
        AddUris(descriptor.PostLogoutRedirectUris, client.PostLogoutRedirectUris, index, "PostLogoutRedirectUris");
        if (grantTypes.Contains(GrantTypes.AuthorizationCode) && descriptor.RedirectUris.Count == 0)
        {
            throw Invalid(index, "RedirectUris", "the authorization_code grant needs at least one redirect URI.");
        }

        AddPermissions(descriptor, grantTypes, scopes);
        descriptor.Properties[ClientRolesProperty] = JsonSerializer.SerializeToElement(roles);
        return descriptor;
    }

    private static HashSet<string> ValidateGrantTypes(OpenIdConnectClientRegistration client, int index)
    {
        var grantTypes = client.GrantTypes.Select(grant => grant.Trim()).ToHashSet(StringComparer.Ordinal);
        if (grantTypes.Count == 0)
        {
            throw Invalid(index, "GrantTypes", $"no grant type is set. Use one or more of {Supported}.");
        }

        foreach (var grant in grantTypes.Where(grant => !SupportedGrantTypes.Contains(grant)))
        {
            throw Invalid(index, "GrantTypes", $"grant type '{grant}' is not supported. Use {Supported}.");
        }

        if (grantTypes.Contains(GrantTypes.RefreshToken) && !grantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            throw Invalid(
                index,
                "GrantTypes",
                "refresh_token needs authorization_code, the only grant that issues refresh tokens here.");
        }

        if (grantTypes.Contains(GrantTypes.ClientCredentials) && client.Type != OpenIdConnectClientType.Confidential)
        {
            throw Invalid(
                index,
                "GrantTypes",
                "client_credentials is only for confidential clients. Set Type to Confidential and a ClientSecret.");
        }

        return grantTypes;
    }

    private static void ValidateSecret(OpenIdConnectClientRegistration client, int index)
    {
        var hasSecret = !string.IsNullOrEmpty(client.ClientSecret);
        if (client.Type == OpenIdConnectClientType.Confidential && !hasSecret)
        {
            throw Invalid(index, "ClientSecret", "a confidential client needs a client secret.");
        }

        if (client.Type == OpenIdConnectClientType.Public && hasSecret)
        {
            throw Invalid(
                index,
                "ClientSecret",
                "a public client cannot keep a secret. Remove it or set Type to Confidential.");
        }
    }

    private static HashSet<string> ValidateScopes(
        OpenIdConnectClientRegistration client,
        int index,
        HashSet<string> grantTypes)
    {
        var scopes = client.Scopes.Select(scope => scope.Trim()).ToHashSet(StringComparer.Ordinal);
        if (scopes.Count == 0)
        {
            scopes = grantTypes.Contains(GrantTypes.AuthorizationCode)
                ? [Scopes.OpenId, Scopes.Profile, Scopes.Roles, OpenIdConnectScopes.Api]
                : [OpenIdConnectScopes.Api];
            if (grantTypes.Contains(GrantTypes.RefreshToken))
            {
                scopes.Add(Scopes.OfflineAccess);
            }
        }

        foreach (var scope in scopes.Where(scope => !OpenIdConnectScopes.All.Contains(scope)))
        {
            throw Invalid(
                index,
                "Scopes",
                $"scope '{scope}' is not supported. Use {string.Join(", ", OpenIdConnectScopes.All)}.");
        }

        if (scopes.Contains(Scopes.OfflineAccess) && !grantTypes.Contains(GrantTypes.RefreshToken))
        {
            throw Invalid(index, "Scopes", "offline_access needs the refresh_token grant.");
        }

        return scopes;
    }

    private static string[] ValidateRoles(OpenIdConnectClientRegistration client, int index, HashSet<string> grantTypes)
    {
        var roles = client.Roles
            .Select(role => role.Trim())
            .Where(role => role.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (roles.Length > 0 && !grantTypes.Contains(GrantTypes.ClientCredentials))
        {
            throw Invalid(
                index,
                "Roles",
                "roles are only for client_credentials clients, because a user's tokens carry that user's roles.");
        }

        // A service client holding a person's role would pass every check meant for that person's role.
        foreach (var role in roles.Where(role => Roles.All.Contains(role, StringComparer.OrdinalIgnoreCase)))
        {
            throw Invalid(
                index,
                "Roles",
                $"'{role}' is a role of people and cannot be given to a service client. "
                + "Use a role such as AnalysisWorker.");
        }

        return roles;
    }

    private static void AddUris(HashSet<Uri> target, string[] uris, int index, string setting)
    {
        foreach (var value in uris)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw Invalid(index, setting, $"'{value}' is not an absolute URI without a fragment.");
            }

            target.Add(uri);
        }
    }

    private static void AddPermissions(
        OpenIddictApplicationDescriptor descriptor,
        HashSet<string> grantTypes,
        HashSet<string> scopes)
    {
        var permissions = descriptor.Permissions;
        permissions.Add(Permissions.Endpoints.Token);
        if (grantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            permissions.Add(Permissions.Endpoints.Authorization);
            permissions.Add(Permissions.Endpoints.EndSession);
            permissions.Add(Permissions.GrantTypes.AuthorizationCode);
            permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        if (grantTypes.Contains(GrantTypes.RefreshToken))
        {
            permissions.Add(Permissions.GrantTypes.RefreshToken);
        }

        if (grantTypes.Contains(GrantTypes.ClientCredentials))
        {
            permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        // OpenIddict needs no permission for openid, and grants offline_access with the refresh_token permission.
        foreach (var scope in scopes.Where(scope => scope is not (Scopes.OpenId or Scopes.OfflineAccess)))
        {
            permissions.Add(Permissions.Prefixes.Scope + scope);
        }
    }

    private static InvalidOperationException Invalid(int index, string setting, string problem) =>
        new($"OpenIdConnect:Clients:{index}:{setting} is invalid: {problem}");
}
