using MinerPivot.Core.Import;

namespace MinerPivot.Data.Import;

/// <summary>
/// What the database holds, loaded once per import (one query per table) as rows of the catalog keyed by natural key,
/// so that matching rows costs a dictionary lookup, never a query. Leaf tables are loaded only when their file is imported.
/// </summary>
internal sealed class ExistingRows
{
    private readonly Dictionary<FactKind, Dictionary<string, (int Id, ImportRow Row)>> _rows = [];

    private ExistingRows(ParentNames names) => Names = names;

    public ParentNames Names { get; }

    public (int Id, ImportRow Row)? Find(FactKind kind, ImportRow row) =>
        _rows.TryGetValue(kind, out var rows) && rows.TryGetValue(kind.KeyOf(row), out var found) ? found : null;

    public IEnumerable<(int Id, TRow Row)> Of<TRow>(FactKind<TRow> kind) where TRow : ImportRow =>
        _rows.TryGetValue(kind, out var rows) ? rows.Values.Select(x => (x.Id, (TRow)x.Row)) : [];

    public KnownKeys Keys => new(
        Of(FactKinds.Companies).Select(c => c.Row.Ticker),
        Of(FactKinds.Sites).Select(s => (s.Row.Ticker, s.Row.Site)),
        Of(FactKinds.Contracts).Select(c => (c.Row.Ticker, c.Row.Contract)),
        Of(FactKinds.Tranches).Select(t => (t.Row.Ticker, t.Row.Tranche)));

    public static async Task<ExistingRows> LoadAsync(MinerPivotDbContext db, IReadOnlyCollection<string> files, CancellationToken ct)
    {
        var existing = new ExistingRows(await ParentNames.LoadAsync(db, ct));
        foreach (var map in EntityMaps.All.Where(m => m.Kind.Declares != FactRef.None || files.Contains(m.Kind.File)))
        {
            existing._rows[map.Kind] = (await map.LoadAsync(db, existing.Names, ct)).ToDictionary(x => map.Kind.KeyOf(x.Row), StringComparer.Ordinal);
        }
        return existing;
    }
}
