namespace MinerPivot.Web.Hosting;

/// <summary>The "MinerPivot:Database" section: supervising the embedded server and riding out a database outage.</summary>
public sealed class DatabaseResilienceOptions
{
    public const string Section = "MinerPivot:Database";

    /// <summary>How often the embedded server's postmaster is checked.</summary>
    public TimeSpan SuperviseInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before the second restart attempt; it doubles after each failed one, up to <see cref="RestartMaxDelay"/>.</summary>
    public TimeSpan RestartBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RestartMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The Retry-After of a 503 answered while the database is unreachable, and the status page's refresh.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>A page that could not load its data tries again after this long, doubling up to <see cref="PageRetryMaxDelay"/>.</summary>
    public TimeSpan PageRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan PageRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the host waits for everything to stop after SIGTERM.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public static TimeSpan Backoff(TimeSpan baseDelay, TimeSpan maxDelay, int failures)
    {
        var delay = baseDelay;
        for (var i = 1; i < failures && delay < maxDelay; i++)
        {
            delay *= 2;
        }
        return delay < maxDelay ? delay : maxDelay;
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SuperviseInterval <= TimeSpan.Zero) errors.Add("SuperviseInterval must be positive.");
        if (RestartBaseDelay <= TimeSpan.Zero || RestartMaxDelay < RestartBaseDelay) errors.Add("RestartBaseDelay must be positive and at most RestartMaxDelay.");
        if (RetryAfterSeconds < 1) errors.Add("RetryAfterSeconds must be at least 1.");
        if (PageRetryBaseDelay <= TimeSpan.Zero || PageRetryMaxDelay < PageRetryBaseDelay) errors.Add("PageRetryBaseDelay must be positive and at most PageRetryMaxDelay.");
        if (ShutdownTimeout <= TimeSpan.Zero) errors.Add("ShutdownTimeout must be positive.");
        return errors;
    }
}
