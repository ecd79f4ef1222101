using MinerPivot.Data;

namespace MinerPivot.Web.Auth;

public static class AuthEndpoints
{
    public const string Prefix = "/api/v1/auth";

    // The Identity API maps register, password reset and e-mail confirmation too; MinerPivot has no
    // self-registration and no mail, so only these are reachable.
    private static readonly string[] Allowed = ["/login", "/refresh", "/manage/info"];

    /// <summary>Every Identity API endpoint but login, refresh and manage/info answers 404, before authentication runs.</summary>
    public static void UseOnlyAllowedAuthEndpoints(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest)
                && !Allowed.Any(a => rest.Equals(a, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });

    /// <summary>Maps the Identity API under /api/v1/auth.</summary>
    public static void MapMinerPivotAuthApi(this WebApplication app) =>
        app.MapGroup(Prefix).WithTags("Auth").MapIdentityApi<AppUser>().Add(endpoint =>
        {
            // Signing in must work without being signed in; the fallback policy covers the rest.
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern }
                && (pattern.EndsWith("/login", StringComparison.Ordinal) || pattern.EndsWith("/refresh", StringComparison.Ordinal)))
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } login } && login.EndsWith("/login", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(AccountSecurity.SignInRateLimit));
            }
        });
}
