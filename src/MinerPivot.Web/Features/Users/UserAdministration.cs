using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Users;

public sealed record UserRow(string Id, string Email, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil);

/// <summary>Admins create accounts and set roles; nobody registers themselves.</summary>
/// <remarks>A circuit lives for hours, so every operation gets its own scope (and DbContext) rather than the circuit's.</remarks>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider clock)
{
    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    public Task<IReadOnlyList<UserRow>> ListAsync() => WithUsersAsync<IReadOnlyList<UserRow>>(async users =>
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var rows = new List<UserRow>(all.Count);
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? user.UserName ?? user.Id, [.. await users.GetRolesAsync(user)], user.LockoutEnd));
        }
        return rows;
    });

    /// <summary>Returns null on success, else a message saying what is wrong.</summary>
    public Task<string?> CreateAsync(string email, string password, string role) => WithUsersAsync(async users =>
    {
        if (!Roles.All.Contains(role))
        {
            return $"Unknown role \"{role}\"; choose one of {string.Join(", ", Roles.All)}.";
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return $"A user with the email {email} already exists.";
        }
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return string.Join(" ", created.Errors.Select(e => e.Description));
        }
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? null : string.Join(" ", added.Errors.Select(e => e.Description));
    });

    public Task<string?> SetRoleAsync(string userId, string role, bool on) => WithUsersAsync<string?>(async users =>
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "That user no longer exists.";
        }
        if (!on && role == Roles.Admin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            return "There must be at least one admin; make someone else admin first.";
        }
        var result = on ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    });

    public Task UnlockAsync(string userId) => WithUsersAsync(async users =>
    {
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        return true;
    });
}
