namespace MinerPivot.Data.Facts;

/// <summary>The "Facts" configuration section: the fact store's cache and change listener.</summary>
public sealed class FactStoreOptions
{
    public const string SectionName = "Facts";

    /// <summary>
    /// The cache holds at most this many fact rows (a company's facts count their rows, the market series theirs);
    /// the least recently used are dropped first.
    /// </summary>
    public long CacheRowLimit { get; set; } = 250_000;

    /// <summary>How long the change listener waits before connecting again after losing its connection.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CacheRowLimit < 0) errors.Add("CacheRowLimit must not be negative (0 turns the cache off).");
        if (ReconnectDelay <= TimeSpan.Zero) errors.Add("ReconnectDelay must be positive.");
        return errors;
    }
}
