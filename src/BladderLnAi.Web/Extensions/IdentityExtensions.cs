using BladderLnAi.Data;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Audit;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Identity.OpenIdConnect;
using BladderLnAi.Web.Sites;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;

namespace BladderLnAi.Web.Extensions;

public static class IdentityExtensions
{
    /// <summary>
    /// Registers ASP.NET Core Identity with the product's password and lockout policy, the sign-in cookie, the
    /// built-in OpenID Connect server, and an authorisation fallback that requires a signed-in user (cookie or
    /// access token) everywhere unless a page allows anonymous access.
    /// </summary>
    public static WebApplicationBuilder AddBladderLnAiIdentity(this WebApplicationBuilder builder)
    {
        var accounts = builder.Configuration.GetSection(AccountOptions.SectionName).Get<AccountOptions>() ?? new();
        var services = builder.Services;
        services.AddSingleton(accounts);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SignInRateLimiter>();
        services.AddSingleton<SlideAccess>();
        services.AddScoped<Analysis.JobLookup>();
        services.AddScoped<SiteAdministration>();
        services.AddScoped<SlideSharing>();
        services.AddScoped<DemoAccountSeeder>();
        services.AddSingleton<AuditLog>();
        services.AddHttpContextAccessor();
        services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<BladderLnAiDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options => ConfigureCookie(options, builder.Environment));
        services.AddAuthorization(options =>
        {
            // Every route accepts the sign-in cookie or an access token of the built-in OpenID Connect server.
            // CookieOrBearerResultHandler keeps the redirect of anonymous page requests to the sign-in page.
            var signedIn = new AuthorizationPolicyBuilder(
                    IdentityConstants.ApplicationScheme,
                    OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .Build();
            options.FallbackPolicy = signedIn;
            options.DefaultPolicy = signedIn;
            options.AddPolicy(Policies.Administrator, policy => policy.RequireRole(Roles.Admin));
            options.AddPolicy(Policies.Reviewer, policy => policy
                .AddAuthenticationSchemes(signedIn.AuthenticationSchemes.ToArray())
                .RequireRole(Roles.Pathologist, Roles.SeniorPathologist));
            options.AddPolicy(Policies.Senior, policy => policy
                .AddAuthenticationSchemes(signedIn.AuthenticationSchemes.ToArray())
                .RequireRole(Roles.SeniorPathologist));
        });
        services.AddCascadingAuthenticationState();
        builder.AddBladderLnAiOpenIdConnect();
        return builder;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options, IWebHostEnvironment environment)
    {
        options.LoginPath = "/account/login";
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = "/account/access-denied";
        options.Cookie.Name = "BladderLnAi.Session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(10);
        options.SlidingExpiration = true;

        // API, tile and hub requests get 401 rather than a redirect to the sign-in page.
        options.Events.OnRedirectToLogin = context => RejectOrRedirect(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => RejectOrRedirect(context, StatusCodes.Status403Forbidden);
    }

    private static Task RejectOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/dzi") || path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
