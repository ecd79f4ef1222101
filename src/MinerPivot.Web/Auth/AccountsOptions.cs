namespace MinerPivot.Web.Auth;

/// <summary>The "Accounts" configuration section: how long a session outlives a change to its account, lockout, throttling.</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How often a cookie session and an open tab re-check the account (security stamp, roles, disabled).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lifetime of an API access token; /refresh issues a new one only while the account is unchanged.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed passwords in a row that lock an account for <see cref="LockoutDuration"/> (new sign-ins only).</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed passwords count towards <see cref="MaxFailedSignIns"/> only within this time of the first of them; a
    /// failure after it starts a new count. At most two thirds of <see cref="SignInWindow"/>: the throttle's sliding
    /// window holds an attempt for at least that long, so one address cannot fit
    /// <see cref="MaxFailedSignIns"/> failures into it.
    /// </summary>
    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Sign-in attempts one client address may make per <see cref="SignInWindow"/>; below <see cref="MaxFailedSignIns"/>.
    /// 0 turns throttling off (test hosts that sign in many times from one address).
    /// </summary>
    public int SignInPermitLimit { get; set; } = 4;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The throttle's sliding window moves in these steps: an attempt is held for 2/3 to 3/3 of the window.</summary>
    internal const int SignInWindowSegments = 3;

    public bool ThrottlesSignIns => SignInPermitLimit > 0;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RevalidationInterval <= TimeSpan.Zero) errors.Add("RevalidationInterval must be positive.");
        if (AccessTokenLifetime <= TimeSpan.Zero) errors.Add("AccessTokenLifetime must be positive.");
        if (LockoutDuration <= TimeSpan.Zero) errors.Add("LockoutDuration must be positive.");
        if (SignInWindow <= TimeSpan.Zero) errors.Add("SignInWindow must be positive.");
        if (FailedSignInWindow <= TimeSpan.Zero) errors.Add("FailedSignInWindow must be positive.");
        else if (ThrottlesSignIns && FailedSignInWindow > SignInWindow * (SignInWindowSegments - 1) / SignInWindowSegments)
        {
            errors.Add($"FailedSignInWindow ({FailedSignInWindow}) must be at most two thirds of SignInWindow ({SignInWindow}), so that one client cannot lock an account.");
        }
        if (MaxFailedSignIns < 1) errors.Add("MaxFailedSignIns must be at least 1.");
        if (SignInPermitLimit < 0) errors.Add("SignInPermitLimit must not be negative.");
        else if (SignInPermitLimit >= MaxFailedSignIns)
        {
            errors.Add($"SignInPermitLimit ({SignInPermitLimit}) must be below MaxFailedSignIns ({MaxFailedSignIns}), so that one client cannot lock an account.");
        }
        return errors;
    }
}
