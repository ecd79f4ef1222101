using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MinerPivot.Web.Auth;

/// <summary>
/// When each bearer token's account was last found unchanged, so that a token is checked against the database at most
/// once per <see cref="AccountsOptions.RevalidationInterval"/> (as a cookie is), not on every request. A change made
/// through this instance forgets the account at once, so its tokens are checked on their next request; a change made
/// elsewhere (another instance, SQL) ends them within the interval.
/// </summary>
public sealed class BearerAccountChecks(TimeProvider time, IOptions<AccountsOptions> accounts)
{
    private readonly ConcurrentDictionary<string, (string Stamp, DateTimeOffset CheckedAt)> _checked = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _forgets;

    /// <summary>Taken before a check reads the database; <see cref="Passed"/> keeps the result only if nothing was forgotten since.</summary>
    public long Generation => Interlocked.Read(ref _forgets);

    public bool RecentlyPassed(string userId, string stamp) =>
        _checked.TryGetValue(userId, out var entry)
        && string.Equals(entry.Stamp, stamp, StringComparison.Ordinal)
        && time.GetUtcNow() - entry.CheckedAt < accounts.Value.RevalidationInterval;

    public void Passed(string userId, string stamp, long generationBefore)
    {
        lock (_gate)
        {
            // A change committed while the check ran may not have been visible to it: do not remember that check.
            if (Interlocked.Read(ref _forgets) == generationBefore)
            {
                _checked[userId] = (stamp, time.GetUtcNow());
            }
        }
    }

    public void Forget(string userId)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _forgets);
            _checked.TryRemove(userId, out _);
        }
    }
}
