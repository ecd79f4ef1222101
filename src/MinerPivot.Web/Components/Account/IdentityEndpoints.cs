using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MinerPivot.Data;

namespace MinerPivot.Web.Components.Account;

internal static class IdentityEndpoints
{
    /// <summary>The form post behind the navigation's "Sign out" button.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<AppUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return accountGroup;
    }
}
