using Microsoft.Extensions.Primitives;

namespace MinerPivot.Data.Facts;

/// <summary>
/// The one change signal for facts. The database NOTIFYs <see cref="Channel"/> from statement triggers on every fact
/// table, whoever wrote (this instance, another one, psql); <see cref="FactChangeListener"/> LISTENs and reports here,
/// and writes through this process's DbContexts report at once (<see cref="FactWriteInterceptor"/>). Cached facts carry
/// the change token of their scope taken before they were read, so a change during a load leaves them expired.
/// Nothing is cached while the listener is not connected: a change it cannot hear of could otherwise be missed.
/// </summary>
public sealed class FactChanges
{
    /// <summary>The channel the fact tables' triggers notify (payload: the table's name).</summary>
    public const string Channel = "minerpivot_data_changed";

    /// <summary>The reason <see cref="Changed"/> gives when the listener connected again: changes may have been missed.</summary>
    public const string Reconnected = "reconnected";

    private CancellationTokenSource _company = new();
    private CancellationTokenSource _market = new();
    private volatile bool _listening;
    private bool _connectedBefore;

    /// <summary>Raised by the listener after the cache was invalidated: a table's name, or <see cref="Reconnected"/>.</summary>
    public event Action<string>? Changed;

    /// <summary>True while the listener is connected, i.e. while no change can go unnoticed.</summary>
    public bool IsListening => _listening;

    /// <summary>The token that expires with the next change to company facts; null while caching is off.</summary>
    public IChangeToken? CompanyToken => _listening ? new CancellationChangeToken(Volatile.Read(ref _company).Token) : null;

    /// <summary>The token that expires with the next change to the market series; null while caching is off.</summary>
    public IChangeToken? MarketToken => _listening ? new CancellationChangeToken(Volatile.Read(ref _market).Token) : null;

    /// <summary>Expires what was read from <paramref name="table"/> (everything for a table that is not a fact table).</summary>
    public void Invalidate(string table, FactModel model)
    {
        var company = model.CompanyTables.Contains(table);
        var market = model.MarketTables.Contains(table);
        if (company || !market) Renew(ref _company);
        if (market || !company) Renew(ref _market);
    }

    /// <summary>Expires everything cached.</summary>
    public void InvalidateAll()
    {
        Renew(ref _company);
        Renew(ref _market);
    }

    internal void Notified(string table, FactModel model)
    {
        Invalidate(table, model);
        Changed?.Invoke(table);
    }

    internal void Connected()
    {
        // Whatever happened while nobody listened is unknown: start from an empty cache.
        InvalidateAll();
        _listening = true;
        if (_connectedBefore) Changed?.Invoke(Reconnected);
        _connectedBefore = true;
    }

    internal void Disconnected()
    {
        _listening = false;
        InvalidateAll();
    }

    private static void Renew(ref CancellationTokenSource source)
    {
        // The new source is in place before the old one fires: a load that starts now is stamped with the new token.
        var old = Interlocked.Exchange(ref source, new CancellationTokenSource());
        // Not disposed: a load may still register on its token (an expired token expires the entry at once).
        old.Cancel();
    }
}
