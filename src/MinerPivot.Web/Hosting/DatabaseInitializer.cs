using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinerPivot.Data;

namespace MinerPivot.Web.Hosting;

/// <summary>At start-up: apply migrations, create the roles and the first admin, seed demo data into an empty database.</summary>
public sealed class DatabaseInitializer(
    IServiceProvider services,
    IOptions<MinerPivotOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<MinerPivotDbContext>();
        await db.ApplyMigrationsAsync(cancellationToken);
        logger.LogInformation("Database schema is at migration {Migration}", (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault());

        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());
        await EnsureAdminAsync(provider.GetRequiredService<UserManager<AppUser>>());

        if (options.Value.SeedDemoData)
        {
            await provider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                ThrowOnFailure(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    private async Task EnsureAdminAsync(UserManager<AppUser> users)
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        var email = string.IsNullOrWhiteSpace(options.Value.AdminEmail) ? "admin@minerpivot.local" : options.Value.AdminEmail.Trim();
        var password = options.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = GeneratePassword();
        }

        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", CreatedAt = DateTimeOffset.UtcNow };
            ThrowOnFailure(await users.CreateAsync(admin, password!), $"create the admin {email}");
        }
        ThrowOnFailure(await users.AddToRoleAsync(admin, Roles.Admin), $"make {email} an admin");

        if (generated)
        {
            // Printed once, to the console only: it is not written to the log files.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" MinerPivot admin account created: {email}");
            Console.WriteLine($" Password (shown once, change it after signing in): {password}");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
        logger.LogInformation("Created the first admin account {Email}", email);
    }

    internal static string GeneratePassword() =>
        "Mp-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', 'x').Replace('+', 'z') + "9!";

    private static void ThrowOnFailure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
