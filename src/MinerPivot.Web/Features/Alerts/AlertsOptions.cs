using System.Globalization;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>The "Alerts" configuration section.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>The daily evaluation time, HH:mm in UTC.</summary>
    public string DailyAtUtc { get; set; } = "06:00";

    /// <summary>Re-evaluate when the database reports a change to a fact table (LISTEN minerpivot_data_changed).</summary>
    public bool ListenForChanges { get; set; } = true;

    /// <summary>A burst of changes (an import, a form save) is evaluated once, this long after the last one.</summary>
    public int DebounceMilliseconds { get; set; } = 500;

    /// <summary>Where new and escalated major/critical alerts are POSTed (Slack-compatible JSON); empty turns notifications off.</summary>
    public string? WebhookUrl { get; set; }

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; each further failure waits 4× longer, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How often the sender looks for due deliveries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A sender claims a delivery for this long before it posts it; if the instance dies mid-send, another instance (or
    /// the restarted one) sends it again once the claim has expired. Longer than <see cref="WebhookTimeout"/>.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    public bool WebhookEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    public TimeOnly DailyTime => TimeOnly.ParseExact(DailyAtUtc, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The delay before attempt number <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var delay = RetryBaseDelay;
        for (var i = 1; i < failedAttempts && delay < RetryMaxDelay; i++)
        {
            delay *= 4;
        }
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!TimeOnly.TryParseExact(DailyAtUtc, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"DailyAtUtc must be a time HH:mm (UTC); '{DailyAtUtc}' is not.");
        }
        if (WebhookEnabled && (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"WebhookUrl must be an absolute http(s) URL or empty; '{WebhookUrl}' is not.");
        }
        if (DebounceMilliseconds < 0) errors.Add("DebounceMilliseconds must not be negative.");
        if (MaxAttempts < 1) errors.Add("MaxAttempts must be at least 1.");
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) errors.Add("RetryBaseDelay must be positive and at most RetryMaxDelay.");
        if (WebhookTimeout <= TimeSpan.Zero) errors.Add("WebhookTimeout must be positive.");
        if (PollInterval <= TimeSpan.Zero) errors.Add("PollInterval must be positive.");
        if (ClaimLease <= WebhookTimeout) errors.Add("ClaimLease must be longer than WebhookTimeout (a send in flight must not be taken over).");
        return errors;
    }
}
