using MinerPivot.Data;

namespace MinerPivot.Web.Auth;

/// <summary>Who may see what: analysts browse, PMs also see slippage and alerts, admins also keep the data.</summary>
public static class Policies
{
    public const string Analyst = "analyst+";
    public const string Pm = "pm+";
    public const string Admin = "admin";

    public static IServiceCollection AddMinerPivotAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            // Anything not marked otherwise needs a role: a signed-in account without one sees only its own account pages.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireRole(Roles.All).Build())
            .AddPolicy(Analyst, p => p.RequireRole(Roles.Analyst, Roles.Pm, Roles.Admin))
            .AddPolicy(Pm, p => p.RequireRole(Roles.Pm, Roles.Admin))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
