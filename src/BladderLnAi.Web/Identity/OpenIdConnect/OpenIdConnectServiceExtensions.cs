using BladderLnAi.Data;
using Microsoft.AspNetCore.Authorization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

public static class OpenIdConnectServiceExtensions
{
    /// <summary>
    /// Registers the OpenIddict server (authorization code with PKCE, client credentials and refresh tokens), the local
    /// validation of its access tokens, the client registration at start-up and the pruning of old tokens.
    /// </summary>
    /// <exception cref="InvalidOperationException">A configured client or key is invalid.</exception>
    public static WebApplicationBuilder AddBladderLnAiOpenIdConnect(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(OpenIdConnectServerOptions.SectionName);
        var options = section.Get<OpenIdConnectServerOptions>() ?? new();

        // Fails start-up on an invalid client before anything is written to the database.
        ClientDescriptorFactory.CreateAll(options.Clients);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<BladderLnAiDbContext>())
            .AddServer(server => ConfigureServer(server, options, builder.Environment))
            .AddValidation(ConfigureValidation);
        services.AddHostedService<ClientRegistrar>();
        services.AddHostedService<TokenPruningService>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, CookieOrBearerResultHandler>();
        return builder;
    }

    private static void ConfigureServer(
        OpenIddictServerBuilder server,
        OpenIdConnectServerOptions options,
        IWebHostEnvironment environment)
    {
        server
            .SetAuthorizationEndpointUris(OpenIdConnectEndpoints.AuthorizationPath.TrimStart('/'))
            .SetTokenEndpointUris(OpenIdConnectEndpoints.TokenPath.TrimStart('/'))
            .SetUserInfoEndpointUris(OpenIdConnectEndpoints.UserInfoPath.TrimStart('/'))
            .SetEndSessionEndpointUris(OpenIdConnectEndpoints.EndSessionPath.TrimStart('/'));
        server
            .AllowAuthorizationCodeFlow()
            .AllowClientCredentialsFlow()
            .AllowRefreshTokenFlow()
            .RequireProofKeyForCodeExchange();
        server.RegisterScopes([.. OpenIdConnectScopes.All]);
        server.RegisterClaims(Claims.Subject, Claims.Name, Claims.Role);

        // Only S256 is allowed, because the plain method sends the verifier itself as the challenge.
        server.Configure(settings => settings.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

        if (!string.IsNullOrWhiteSpace(options.Issuer))
        {
            if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer))
            {
                throw new InvalidOperationException($"OpenIdConnect:Issuer '{options.Issuer}' is not an absolute URI.");
            }

            server.SetIssuer(issuer);
        }

        ServerKeys.Add(server, options, environment);

        var host = server.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableUserInfoEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();
        if (environment.IsDevelopment() || environment.IsEnvironment(ServerKeys.TestingEnvironment))
        {
            // The start script and the tests serve plain HTTP on this machine, and every other environment needs HTTPS.
            host.DisableTransportSecurityRequirement();
        }
    }

    private static void ConfigureValidation(OpenIddictValidationBuilder validation)
    {
        // Takes the issuer and keys of the server in this process, including the encryption key.
        // NOTE: tokens are not looked up in the database per request (EnableTokenEntryValidation is off, because
        // a viewer fetches hundreds of tiles), so a revoked access token stays valid until it expires, 1 hour by
        // default.
        validation.UseLocalServer();
        validation.AddAudiences(OpenIdConnectScopes.ApiAudience);

        // Tokens in URLs end up in logs and browser history, so only the hubs accept them there.
        validation.UseAspNetCore()
            .DisableAccessTokenExtractionFromQueryString()
            .DisableAccessTokenExtractionFromBodyForm();
        validation.AddEventHandler(HubAccessTokenHandler.Descriptor);
    }
}
