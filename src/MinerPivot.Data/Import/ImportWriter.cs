using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using static MinerPivot.Data.Import.CopyColumn;

namespace MinerPivot.Data.Import;

/// <summary>
/// Writes an <see cref="ImportPlan"/> in dependency order. Parents inserted here get their ids from one query per
/// table afterwards, so children can refer to them.
/// </summary>
internal sealed class ImportWriter(MinerPivotDbContext db, BulkWriter bulk, ExistingRows existing)
{
    private readonly Dictionary<string, int> _companyId = existing.Companies.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);
    private readonly Dictionary<int, string> _tickerOf = new(existing.TickerOf);
    private readonly Dictionary<(string Ticker, string Site), int> _siteId = existing.Sites.ToDictionary(kv => kv.Key, kv => kv.Value.Id);
    private readonly Dictionary<(string Ticker, string Contract), int> _contractId = existing.Contracts.ToDictionary(kv => kv.Key, kv => kv.Value.Id);
    private readonly Dictionary<(string Ticker, string Tranche), int> _trancheId = existing.Tranches.ToDictionary(kv => kv.Key, kv => kv.Value.Id);

    private TableMap Map<TEntity>() => new(db.Model, typeof(TEntity));

    public async Task WriteAsync(ImportPlan plan, CancellationToken ct)
    {
        await UpsertAsync<Company, CompanyRow>(plan.Companies,
            [Text<CompanyRow>(nameof(Company.Ticker), r => r.Ticker)],
            [Text<CompanyRow>(nameof(Company.Name), r => r.Name), Int<CompanyRow>(nameof(Company.FiscalYearEndMonth), r => r.FiscalYearEndMonth)],
            ct);
        if (plan.Companies.Inserts.Count > 0)
        {
            foreach (var c in await db.Companies.AsNoTracking().Select(c => new { c.Id, c.Ticker }).ToListAsync(ct))
            {
                _companyId[c.Ticker] = c.Id;
                _tickerOf[c.Id] = c.Ticker;
            }
        }

        await UpsertAsync<Site, SiteRow>(plan.Sites,
            [Int<SiteRow>(nameof(Site.CompanyId), r => _companyId[r.Ticker]), Text<SiteRow>(nameof(Site.Name), r => r.Site)],
            [
                Text<SiteRow>(nameof(Site.Location), r => r.Location), Date<SiteRow>(nameof(Site.AcquiredOn), r => r.AcquiredOn),
                Number<SiteRow>(nameof(Site.GrossMw), r => r.GrossMw), Number<SiteRow>(nameof(Site.CriticalItMw), r => r.CriticalItMw),
                Text<SiteRow>(nameof(Site.Source), r => r.Source),
            ], ct);
        if (plan.Sites.Inserts.Count > 0)
        {
            foreach (var s in await db.Sites.AsNoTracking().Select(s => new { s.Id, s.CompanyId, s.Name }).ToListAsync(ct))
            {
                _siteId[(_tickerOf[s.CompanyId], s.Name)] = s.Id;
            }
        }

        await UpsertAsync<Contract, ContractRow>(plan.Contracts,
            [Int<ContractRow>(nameof(Contract.CompanyId), r => _companyId[r.Ticker]), Text<ContractRow>(nameof(Contract.Code), r => r.Contract)],
            [
                Text<ContractRow>(nameof(Contract.Customer), r => r.Customer), Number<ContractRow>(nameof(Contract.ContractedMw), r => r.ContractedMw),
                Number<ContractRow>(nameof(Contract.TermYears), r => r.TermYears), Number<ContractRow>(nameof(Contract.TotalValueUsd), r => r.TotalValueUsd),
                Number<ContractRow>(nameof(Contract.AnnualizedRevenueUsd), r => r.AnnualizedRevenueUsd),
                Date<ContractRow>(nameof(Contract.SignedOn), r => r.SignedOn), Date<ContractRow>(nameof(Contract.FullDeliveryBy), r => r.FullDeliveryBy),
                Text<ContractRow>(nameof(Contract.Source), r => r.Source),
            ], ct);
        if (plan.Contracts.Inserts.Count > 0)
        {
            foreach (var c in await db.Contracts.AsNoTracking().Select(c => new { c.Id, c.CompanyId, c.Code }).ToListAsync(ct))
            {
                _contractId[(_tickerOf[c.CompanyId], c.Code)] = c.Id;
            }
        }

        await bulk.InsertAsync(Map<ContractEvent>(),
            [
                Int<ContractEventRow>(nameof(ContractEvent.ContractId), r => _contractId[(r.Ticker, r.Contract)]),
                Enum<ContractEventRow, ContractEventKind>(nameof(ContractEvent.Kind), r => r.Event),
                Date<ContractEventRow>(nameof(ContractEvent.EventOn), r => r.EventOn), Number<ContractEventRow>(nameof(ContractEvent.MwChange), r => r.MwChange),
                Text<ContractEventRow>(nameof(ContractEvent.Source), r => r.Source),
            ], plan.ContractEvents.Inserts, ct);

        await UpsertAsync<Tranche, TrancheRow>(plan.Tranches,
            [Int<TrancheRow>(nameof(Tranche.CompanyId), r => _companyId[r.Ticker]), Text<TrancheRow>(nameof(Tranche.Code), r => r.Tranche)],
            [
                Int<TrancheRow>(nameof(Tranche.SiteId), r => _siteId[(r.Ticker, r.Site)]),
                Int<TrancheRow>(nameof(Tranche.ContractId), r => r.Contract is null ? null : _contractId[(r.Ticker, r.Contract)]),
                Text<TrancheRow>(nameof(Tranche.Customer), r => r.Customer), Number<TrancheRow>(nameof(Tranche.CriticalItMw), r => r.CriticalItMw),
                Enum<TrancheRow, TrancheStatus>(nameof(Tranche.Status), r => r.Status), Date<TrancheRow>(nameof(Tranche.ActualRfs), r => r.ActualRfs),
                Text<TrancheRow>(nameof(Tranche.Source), r => r.Source),
            ], ct);
        if (plan.Tranches.Inserts.Count > 0)
        {
            foreach (var t in await db.Tranches.AsNoTracking().Select(t => new { t.Id, t.CompanyId, t.Code }).ToListAsync(ct))
            {
                _trancheId[(_tickerOf[t.CompanyId], t.Code)] = t.Id;
            }
        }

        await bulk.InsertAsync(Map<RfsRevision>(),
            [
                Int<RfsRevisionRow>(nameof(RfsRevision.TrancheId), r => _trancheId[(r.Ticker, r.Tranche)]),
                Date<RfsRevisionRow>(nameof(RfsRevision.AnnouncedOn), r => r.AnnouncedOn), Date<RfsRevisionRow>(nameof(RfsRevision.RfsDate), r => r.RfsDate),
                Text<RfsRevisionRow>(nameof(RfsRevision.Source), r => r.Source), Text<RfsRevisionRow>(nameof(RfsRevision.Note), r => r.Note),
            ], plan.RfsRevisions.Inserts, ct);

        await UpsertAsync<QuarterlyFigure, QuarterlyRow>(plan.Quarterly,
            [Int<QuarterlyRow>(nameof(QuarterlyFigure.CompanyId), r => _companyId[r.Ticker]), Date<QuarterlyRow>(nameof(QuarterlyFigure.PeriodEnd), r => r.PeriodEnd)],
            [
                Text<QuarterlyRow>(nameof(QuarterlyFigure.FiscalLabel), r => r.FiscalLabel), Date<QuarterlyRow>(nameof(QuarterlyFigure.ReportedOn), r => r.ReportedOn),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.ColocationRevenueUsd), r => r.ColocationRevenueUsd),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.MiningRevenueUsd), r => r.MiningRevenueUsd),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.BtcProduced), r => r.BtcProduced),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.CashCostPerBtcUsd), r => r.CashCostPerBtcUsd),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.ContractedMw), r => r.ContractedMw),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.EnergizedMw), r => r.EnergizedMw),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.BillableMw), r => r.BillableMw),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.GrossPipelineMw), r => r.GrossPipelineMw),
                Number<QuarterlyRow>(nameof(QuarterlyFigure.CapexUsd), r => r.CapexUsd),
                Text<QuarterlyRow>(nameof(QuarterlyFigure.Source), r => r.Source),
            ], ct);

        await UpsertAsync<BtcPrice, BtcPriceRow>(plan.BtcPrices,
            [Date<BtcPriceRow>(nameof(BtcPrice.Date), r => r.Date)],
            [Number<BtcPriceRow>(nameof(BtcPrice.CloseUsd), r => r.CloseUsd), Text<BtcPriceRow>(nameof(BtcPrice.Source), r => r.Source)],
            ct, updateKey: Date<(int Id, BtcPriceRow Row)>(nameof(BtcPrice.Date), x => x.Row.Date));

        await UpsertAsync<Target, TargetRow>(plan.Targets,
            [
                Int<TargetRow>(nameof(Target.CompanyId), r => _companyId[r.Ticker]), Enum<TargetRow, TargetKind>(nameof(Target.Kind), r => r.Kind),
                Date<TargetRow>(nameof(Target.Deadline), r => r.Deadline),
            ],
            [
                Number<TargetRow>(nameof(Target.TargetValue), r => r.TargetValue), Date<TargetRow>(nameof(Target.AnnouncedOn), r => r.AnnouncedOn),
                Text<TargetRow>(nameof(Target.Source), r => r.Source),
            ], ct);

        await UpsertAsync<IndicatorValue, IndicatorRow>(plan.Indicators,
            [Text<IndicatorRow>(nameof(IndicatorValue.Series), r => r.Series), Date<IndicatorRow>(nameof(IndicatorValue.Date), r => r.Date)],
            [
                Number<IndicatorRow>(nameof(IndicatorValue.Value), r => r.Value), Text<IndicatorRow>(nameof(IndicatorValue.Unit), r => r.Unit),
                Text<IndicatorRow>(nameof(IndicatorValue.Source), r => r.Source),
            ], ct);
    }

    /// <summary>New rows get the key and value columns; changed rows only the value columns, matched by id.</summary>
    private async Task UpsertAsync<TEntity, TRow>(TablePlan<TRow> plan, CopyColumn<TRow>[] keyColumns, CopyColumn<TRow>[] valueColumns,
        CancellationToken ct, CopyColumn<(int Id, TRow Row)>? updateKey = null)
    {
        var table = Map<TEntity>();
        await bulk.InsertAsync(table, [.. keyColumns, .. valueColumns], plan.Inserts, ct);
        await bulk.UpdateAsync(table,
            updateKey ?? Int<(int Id, TRow Row)>("Id", x => x.Id),
            [.. valueColumns.Select(c => c.On<(int Id, TRow Row)>(x => x.Row))],
            plan.Updates, ct);
    }
}
