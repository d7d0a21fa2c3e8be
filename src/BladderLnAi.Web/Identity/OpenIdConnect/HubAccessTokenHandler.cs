using Microsoft.AspNetCore;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace BladderLnAi.Web.Identity.OpenIdConnect;

/// <summary>
/// Reads the access token from the <c>access_token</c> query parameter of requests under <c>/hubs</c>, because
/// browsers cannot set an Authorization header on a WebSocket. Everywhere else only the header is read.
/// </summary>
public sealed class HubAccessTokenHandler : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public const string HubsPath = "/hubs";

    /// <summary>Runs in place of the built-in query string extraction, which the validation options turn off.</summary>
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictValidationAspNetCoreHandlerFilters.RequireHttpRequest>()
            .AddFilter<OpenIddictValidationHandlerFilters.RequireAccessTokenExtracted>()
            .UseSingletonHandler<HubAccessTokenHandler>()
            .SetOrder(OpenIddictValidationAspNetCoreHandlers.ExtractAccessTokenFromQueryString.Descriptor.Order)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        // A token from the Authorization header wins.
        if (!string.IsNullOrEmpty(context.AccessToken))
        {
            return default;
        }

        var request = context.Transaction.GetHttpRequest();
        if (request is not null
            && request.Path.StartsWithSegments(HubsPath, StringComparison.OrdinalIgnoreCase)
            && request.Query.TryGetValue(Parameters.AccessToken, out var token))
        {
            context.AccessToken = token;
        }

        return default;
    }
}
