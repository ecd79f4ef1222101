namespace MinerPivot.Core.Import;

/// <summary>
/// The natural keys the database already holds, so that references in an import can be checked without a database.
/// </summary>
public sealed class KnownKeys
{
    private readonly HashSet<string> _tickers;
    private readonly HashSet<(string Ticker, string Site)> _sites;
    private readonly HashSet<(string Ticker, string Contract)> _contracts;
    private readonly HashSet<(string Ticker, string Tranche)> _tranches;

    public KnownKeys(
        IEnumerable<string> tickers,
        IEnumerable<(string Ticker, string Site)> sites,
        IEnumerable<(string Ticker, string Contract)> contracts,
        IEnumerable<(string Ticker, string Tranche)> tranches)
    {
        _tickers = new HashSet<string>(tickers, StringComparer.Ordinal);
        _sites = [.. sites];
        _contracts = [.. contracts];
        _tranches = [.. tranches];
    }

    public static KnownKeys Empty { get; } = CreateEmpty();

    internal static KnownKeys CreateEmpty() => new([], [], [], []);

    public bool HasCompany(string ticker) => _tickers.Contains(ticker);
    public bool HasSite(string ticker, string site) => _sites.Contains((ticker, site));
    public bool HasContract(string ticker, string contract) => _contracts.Contains((ticker, contract));
    public bool HasTranche(string ticker, string tranche) => _tranches.Contains((ticker, tranche));

    internal void AddCompany(string ticker) => _tickers.Add(ticker);
    internal void AddSite(string ticker, string site) => _sites.Add((ticker, site));
    internal void AddContract(string ticker, string contract) => _contracts.Add((ticker, contract));
    internal void AddTranche(string ticker, string tranche) => _tranches.Add((ticker, tranche));
}
