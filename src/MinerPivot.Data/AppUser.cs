using Microsoft.AspNetCore.Identity;

namespace MinerPivot.Data;

/// <summary>A person who signs in. Roles are <see cref="Roles"/>; there is no self-registration.</summary>
public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set by an admin: the account cannot sign in and its sessions end. Null while the account is enabled.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>
    /// When the first of the failed sign-ins in <see cref="Microsoft.AspNetCore.Identity.IdentityUser{TKey}.AccessFailedCount"/>
    /// happened: failures older than the failure window no longer count towards lockout.
    /// </summary>
    public DateTimeOffset? FailedSignInsSince { get; set; }
}

public static class Roles
{
    public const string Analyst = "analyst";
    public const string Pm = "pm";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Analyst, Pm, Admin];
}
