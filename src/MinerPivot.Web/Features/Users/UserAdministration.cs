using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Data;
using MinerPivot.Web.Auth;
using MinerPivot.Web.Hosting;

namespace MinerPivot.Web.Features.Users;

public sealed record UserRow(string Id, string Email, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil, DateTimeOffset? DisabledAt);

/// <summary>The outcome of an admin's password reset: the new password (shown once) or why there is none.</summary>
public sealed record PasswordReset(string? Password, string? Error);

/// <summary>Admins create accounts, set roles, lock, disable and reset passwords; nobody registers themselves.</summary>
/// <remarks>
/// A circuit lives for hours, so every operation gets its own scope (and DbContext) rather than the circuit's, and
/// re-checks in the database that the caller is still an admin. Each change rotates the account's security stamp, so
/// its sessions end (cookies and open tabs within <c>Accounts:RevalidationInterval</c>, bearer tokens at once), and is
/// written to the audit log in the same transaction.
/// </remarks>
public sealed class UserAdministration(
    IServiceScopeFactory scopes, AuthenticationStateProvider authentication, TimeProvider clock, BearerAccountChecks bearerChecks)
{
    public const string AuditType = "user";
    private const string NotAdmin = "Only an admin can manage users, and your session no longer is one. Sign in again.";

    /// <summary>An admin's lock has no end of its own; Unlock ends it.</summary>
    public static readonly DateTimeOffset LockedByAdmin = DateTimeOffset.MaxValue;

    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await CallerAsync(scope.ServiceProvider) is null)
        {
            return [];
        }
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var rows = new List<UserRow>(all.Count);
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? user.UserName ?? user.Id, [.. await users.GetRolesAsync(user)], user.LockoutEnd, user.DisabledAt));
        }
        return rows;
    }

    /// <summary>Returns null on success, else a message saying what is wrong.</summary>
    public async Task<string?> CreateAsync(string email, string password, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return $"Unknown role \"{role}\"; choose one of {string.Join(", ", Roles.All)}.";
        }
        return await ChangeAsync(null, async (users, _) =>
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                return new Change($"A user with the email {email} already exists.");
            }
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
            var failed = Failure(await users.CreateAsync(user, password)) ?? Failure(await users.AddToRoleAsync(user, role));
            return failed is not null ? new Change(failed) : new Change(null, "create", email, null, new { roles = role });
        });
    }

    public Task<string?> SetRoleAsync(string userId, string role, bool on) => ChangeAsync(userId, async (users, user) =>
    {
        if (!Roles.All.Contains(role))
        {
            return new Change($"Unknown role \"{role}\".");
        }
        var before = await users.GetRolesAsync(user!);
        if (before.Contains(role) == on)
        {
            return new Change(null);
        }
        if (!on && role == Roles.Admin && !await AnotherActiveAdminAsync(users, user!))
        {
            return new Change("There must be at least one admin; make someone else admin first.");
        }
        var failed = Failure(on ? await users.AddToRoleAsync(user!, role) : await users.RemoveFromRoleAsync(user!, role));
        return failed is not null ? new Change(failed)
            : new Change(null, on ? "grant" : "revoke", user!.Email!, new { roles = Joined(before) }, new { roles = Joined(await users.GetRolesAsync(user)) });
    });

    public Task<string?> LockAsync(string userId) => ChangeAsync(userId, async (users, user) =>
    {
        if (await users.IsInRoleAsync(user!, Roles.Admin) && !await AnotherActiveAdminAsync(users, user!))
        {
            return new Change("This is the last active admin; make someone else admin first.");
        }
        var before = user!.LockoutEnd;
        var failed = Failure(await users.SetLockoutEnabledAsync(user, true)) ?? Failure(await users.SetLockoutEndDateAsync(user, LockedByAdmin));
        return failed is not null ? new Change(failed) : new Change(null, "lock", user.Email!, new { locked_until = before }, new { locked_until = "until unlocked" });
    });

    public Task<string?> UnlockAsync(string userId) => ChangeAsync(userId, async (users, user) =>
    {
        var before = user!.LockoutEnd;
        var failed = Failure(await users.SetLockoutEndDateAsync(user, null)) ?? Failure(await users.ResetAccessFailedCountAsync(user));
        return failed is not null ? new Change(failed) : new Change(null, "unlock", user.Email!, new { locked_until = before }, new { locked_until = (string?)null });
    });

    /// <summary>A disabled account cannot sign in and its sessions end; enabling it lets it sign in again.</summary>
    public Task<string?> SetDisabledAsync(string userId, bool disabled) => ChangeAsync(userId, async (users, user) =>
    {
        if (user!.DisabledAt is not null == disabled)
        {
            return new Change(null);
        }
        if (disabled && await users.IsInRoleAsync(user, Roles.Admin) && !await AnotherActiveAdminAsync(users, user))
        {
            return new Change("This is the last active admin; make someone else admin first.");
        }
        user.DisabledAt = disabled ? clock.GetUtcNow() : null;
        var failed = Failure(await users.UpdateAsync(user));
        return failed is not null ? new Change(failed)
            : new Change(null, disabled ? "disable" : "enable", user.Email!, new { disabled = !disabled }, new { disabled });
    });

    /// <summary>Sets a new generated password (returned once, for the admin to hand over) and ends the account's sessions.</summary>
    public async Task<PasswordReset> ResetPasswordAsync(string userId)
    {
        var password = DatabaseInitializer.GeneratePassword();
        var error = await ChangeAsync(userId, async (users, user) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user!);
            var failed = Failure(await users.ResetPasswordAsync(user!, token, password));
            return failed is not null ? new Change(failed) : new Change(null, "reset-password", user!.Email!, null, new { password = "reset by an admin" });
        });
        return error is null ? new PasswordReset(password, null) : new PasswordReset(null, error);
    }

    private sealed record Change(string? Error, string? Action = null, string? Key = null, object? Old = null, object? New = null);

    /// <summary>
    /// Runs one change in a transaction that first locks the admin role's row: account changes queue one behind the
    /// other, so two concurrent demotions cannot both see "another admin remains" (a check-then-act race otherwise).
    /// </summary>
    private async Task<string?> ChangeAsync(string? userId, Func<UserManager<AppUser>, AppUser?, Task<Change>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MinerPivotDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var adminRole = users.NormalizeName(Roles.Admin);
        await db.Database.ExecuteSqlAsync($"SELECT id FROM roles WHERE normalized_name = {adminRole} FOR UPDATE");
        var caller = await CallerAsync(services);
        if (caller is null)
        {
            return NotAdmin;
        }
        AppUser? user = null;
        if (userId is not null && (user = await users.FindByIdAsync(userId)) is null)
        {
            return "That user no longer exists.";
        }
        var outcome = await change(users, user);
        if (outcome.Error is not null || outcome.Action is null)
        {
            return outcome.Error;
        }
        if (user is not null)
        {
            // Ends the account's sessions: every session re-checks the stamp (and roles).
            var rotated = Failure(await users.UpdateSecurityStampAsync(user));
            if (rotated is not null)
            {
                return rotated;
            }
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserName = caller.Email ?? caller.UserName ?? caller.Id,
            Action = outcome.Action,
            EntityType = AuditType,
            EntityKey = outcome.Key!,
            OldValues = outcome.Old is null ? null : JsonSerializer.Serialize(outcome.Old),
            NewValues = outcome.New is null ? null : JsonSerializer.Serialize(outcome.New),
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (user is not null)
        {
            // Again after the commit: a token checked while the transaction was open still saw the old account.
            bearerChecks.Forget(user.Id);
        }
        return null;
    }

    /// <summary>The signed-in user, if the database still says they are an enabled admin with the session's stamp.</summary>
    private async Task<AppUser?> CallerAsync(IServiceProvider services)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.ValidateSecurityStampAsync(principal) is { } caller && await signIn.UserManager.IsInRoleAsync(caller, Roles.Admin)
            ? caller : null;
    }

    private async Task<bool> AnotherActiveAdminAsync(UserManager<AppUser> users, AppUser user)
    {
        var now = clock.GetUtcNow();
        return (await users.GetUsersInRoleAsync(Roles.Admin))
            .Any(u => u.Id != user.Id && u.DisabledAt is null && !(u.LockoutEnd > now));
    }

    private static string Joined(IEnumerable<string> roles) => string.Join(", ", roles.Order(StringComparer.Ordinal));

    private static string? Failure(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
}
