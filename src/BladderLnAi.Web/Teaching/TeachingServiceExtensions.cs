using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Identity;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;

namespace BladderLnAi.Web.Teaching;

public static class TeachingServiceExtensions
{
    /// <summary>Registers case sets, attempts, progress and the educator and resident policies.</summary>
    public static WebApplicationBuilder AddTeaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CaseSetService>();
        services.AddSingleton<AttemptService>();
        services.AddSingleton<TeachingProgress>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Educator, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireRole(Roles.Educator))
            .AddPolicy(Policies.Resident, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireRole(Roles.Resident));
        return builder;
    }
}
