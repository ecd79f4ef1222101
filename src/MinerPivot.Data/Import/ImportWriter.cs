using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using static MinerPivot.Data.Import.CopyColumn;

namespace MinerPivot.Data.Import;

/// <summary>
/// Writes an <see cref="ImportPlan"/> in dependency order. The COPY columns are the catalog's columns stored under their
/// own names (<see cref="EntityMap.PlainColumns"/>) plus the references by id listed here. Parents inserted here get their
/// ids from one query per table afterwards, so children can refer to them.
/// </summary>
internal sealed class ImportWriter(MinerPivotDbContext db, BulkWriter bulk, ExistingRows existing)
{
    private readonly Dictionary<string, int> _companyId = existing.Of(FactKinds.Companies).ToDictionary(c => c.Row.Ticker, c => c.Id, StringComparer.Ordinal);
    private readonly Dictionary<int, string> _tickerOf = existing.Of(FactKinds.Companies).ToDictionary(c => c.Id, c => c.Row.Ticker);
    private readonly Dictionary<(string Ticker, string Site), int> _siteId = existing.Of(FactKinds.Sites).ToDictionary(s => (s.Row.Ticker, s.Row.Site), s => s.Id);
    private readonly Dictionary<(string Ticker, string Contract), int> _contractId =
        existing.Of(FactKinds.Contracts).ToDictionary(c => (c.Row.Ticker, c.Row.Contract), c => c.Id);
    private readonly Dictionary<(string Ticker, string Tranche), int> _trancheId =
        existing.Of(FactKinds.Tranches).ToDictionary(t => (t.Row.Ticker, t.Row.Tranche), t => t.Id);

    private static CopyColumn<ImportRow> Ref<TRow>(string property, Func<TRow, int?> id) where TRow : ImportRow =>
        Int<ImportRow>(property, r => id((TRow)r));

    private CopyColumn<ImportRow> CompanyRef<TRow>(string property, Func<TRow, string> ticker) where TRow : ImportRow =>
        Ref<TRow>(property, r => _companyId[ticker(r)]);

    public async Task WriteAsync(ImportPlan plan, CancellationToken ct)
    {
        await UpsertAsync(plan, EntityMaps.Companies, keyRefs: [], valueRefs: [], ct);
        if (plan.For(FactKinds.Companies).Inserts.Count > 0)
        {
            foreach (var c in await db.Companies.AsNoTracking().Select(c => new { c.Id, c.Ticker }).ToListAsync(ct))
            {
                _companyId[c.Ticker] = c.Id;
                _tickerOf[c.Id] = c.Ticker;
            }
        }

        await UpsertAsync(plan, EntityMaps.Sites, [CompanyRef<SiteRow>(nameof(Site.CompanyId), r => r.Ticker)], [], ct);
        if (plan.For(FactKinds.Sites).Inserts.Count > 0)
        {
            foreach (var s in await db.Sites.AsNoTracking().Select(s => new { s.Id, s.CompanyId, s.Name }).ToListAsync(ct))
            {
                _siteId[(_tickerOf[s.CompanyId], s.Name)] = s.Id;
            }
        }

        await UpsertAsync(plan, EntityMaps.Contracts, [CompanyRef<ContractRow>(nameof(Contract.CompanyId), r => r.Ticker)], [], ct);
        if (plan.For(FactKinds.Contracts).Inserts.Count > 0)
        {
            foreach (var c in await db.Contracts.AsNoTracking().Select(c => new { c.Id, c.CompanyId, c.Code }).ToListAsync(ct))
            {
                _contractId[(_tickerOf[c.CompanyId], c.Code)] = c.Id;
            }
        }

        await UpsertAsync(plan, EntityMaps.ContractEvents,
            [Ref<ContractEventRow>(nameof(ContractEvent.ContractId), r => _contractId[(r.Ticker, r.Contract)])], [], ct);

        await UpsertAsync(plan, EntityMaps.Tranches, [CompanyRef<TrancheRow>(nameof(Tranche.CompanyId), r => r.Ticker)],
            [
                Ref<TrancheRow>(nameof(Tranche.SiteId), r => _siteId[(r.Ticker, r.Site)]),
                Ref<TrancheRow>(nameof(Tranche.ContractId), r => r.Contract is null ? null : _contractId[(r.Ticker, r.Contract)]),
            ], ct);
        if (plan.For(FactKinds.Tranches).Inserts.Count > 0)
        {
            foreach (var t in await db.Tranches.AsNoTracking().Select(t => new { t.Id, t.CompanyId, t.Code }).ToListAsync(ct))
            {
                _trancheId[(_tickerOf[t.CompanyId], t.Code)] = t.Id;
            }
        }

        await UpsertAsync(plan, EntityMaps.RfsRevisions,
            [Ref<RfsRevisionRow>(nameof(RfsRevision.TrancheId), r => _trancheId[(r.Ticker, r.Tranche)])], [], ct);
        await UpsertAsync(plan, EntityMaps.Quarterly, [CompanyRef<QuarterlyRow>(nameof(QuarterlyFigure.CompanyId), r => r.Ticker)], [], ct);
        await UpsertAsync(plan, EntityMaps.BtcPrices, [], [], ct);
        await UpsertAsync(plan, EntityMaps.Targets, [CompanyRef<TargetRow>(nameof(Target.CompanyId), r => r.Ticker)], [], ct);
        await UpsertAsync(plan, EntityMaps.Indicators, [], [], ct);
    }

    /// <summary>
    /// New rows get every column; changed rows only the value columns, matched by id (btc_prices, which have none, by
    /// their date). <paramref name="keyRefs"/> and <paramref name="valueRefs"/> are the references by id.
    /// </summary>
    private async Task UpsertAsync(ImportPlan plan, EntityMap map, CopyColumn<ImportRow>[] keyRefs, CopyColumn<ImportRow>[] valueRefs,
        CancellationToken ct)
    {
        var table = new TableMap(db.Model, map.EntityType);
        var rows = plan.For(map.Kind);
        var plain = map.PlainColumns(db.Model)
            .Select(p => (IsKey: map.Kind.Key.Contains(p.Column.Name),
                Copy: new CopyColumn<ImportRow>(p.Property.Name, row => EntityMap.CopyText(p.Property, p.Column.Get(row)))))
            .ToList();
        var values = plain.Where(p => !p.IsKey).Select(p => p.Copy).Concat(valueRefs).ToList();
        await bulk.InsertAsync(table, [.. keyRefs, .. plain.Where(p => p.IsKey).Select(p => p.Copy), .. values], rows.Inserts, ct);
        var updateKey = map.EntityType == typeof(BtcPrice)
            ? plain.Single(p => p.IsKey).Copy.On<(int Id, ImportRow Row)>(x => x.Row)
            : Int<(int Id, ImportRow Row)>("Id", x => x.Id);
        await bulk.UpdateAsync(table, updateKey, [.. values.Select(c => c.On<(int Id, ImportRow Row)>(x => x.Row))], rows.Updates, ct);
    }
}
