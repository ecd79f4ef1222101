using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;

namespace MinerPivot.Data.Import;

/// <summary>The rows of one file sorted into new, changed (with the id of the row they change) and unchanged.</summary>
internal sealed class TablePlan<TRow>
{
    public List<TRow> Inserts { get; } = [];
    public List<(int Id, TRow Row)> Updates { get; } = [];
    public int Unchanged { get; set; }

    public void Add(TRow row, int? existingId, bool same)
    {
        if (existingId is not { } id)
        {
            Inserts.Add(row);
        }
        else if (same)
        {
            Unchanged++;
        }
        else
        {
            Updates.Add((id, row));
        }
    }
}

/// <summary>
/// What an import does to each table, decided against <see cref="ExistingRows"/>. A changed row of an append-only
/// file (contract_events, rfs_revisions) is not an update but an error.
/// </summary>
internal sealed class ImportPlan
{
    public TablePlan<CompanyRow> Companies { get; } = new();
    public TablePlan<SiteRow> Sites { get; } = new();
    public TablePlan<ContractRow> Contracts { get; } = new();
    public TablePlan<ContractEventRow> ContractEvents { get; } = new();
    public TablePlan<TrancheRow> Tranches { get; } = new();
    public TablePlan<RfsRevisionRow> RfsRevisions { get; } = new();
    public TablePlan<QuarterlyRow> Quarterly { get; } = new();
    public TablePlan<BtcPriceRow> BtcPrices { get; } = new();
    public TablePlan<TargetRow> Targets { get; } = new();
    public TablePlan<IndicatorRow> Indicators { get; } = new();

    public ImportFileCounts Counts(string file) => file switch
    {
        ImportFormat.Companies => Count(file, Companies),
        ImportFormat.Sites => Count(file, Sites),
        ImportFormat.Contracts => Count(file, Contracts),
        ImportFormat.ContractEvents => Count(file, ContractEvents),
        ImportFormat.Tranches => Count(file, Tranches),
        ImportFormat.RfsRevisions => Count(file, RfsRevisions),
        ImportFormat.Quarterly => Count(file, Quarterly),
        ImportFormat.BtcPrices => Count(file, BtcPrices),
        ImportFormat.Targets => Count(file, Targets),
        ImportFormat.Indicators => Count(file, Indicators),
        _ => throw new ArgumentException($"Unknown import file '{file}'.", nameof(file)),
    };

    private static ImportFileCounts Count<TRow>(string file, TablePlan<TRow> plan) =>
        new(file, plan.Inserts.Count, plan.Updates.Count, plan.Unchanged);

    public static ImportPlan Create(ImportBatch batch, ExistingRows existing)
    {
        var plan = new ImportPlan();
        foreach (var row in batch.Companies)
        {
            var old = existing.Companies.GetValueOrDefault(row.Ticker);
            plan.Companies.Add(row, old?.Id, old is not null && old.Name == row.Name && old.FiscalYearEndMonth == row.FiscalYearEndMonth);
        }
        foreach (var row in batch.Sites)
        {
            var old = existing.Sites.GetValueOrDefault((row.Ticker, row.Site));
            plan.Sites.Add(row, old?.Id, old is not null && old.Location == row.Location && old.AcquiredOn == row.AcquiredOn &&
                old.GrossMw == row.GrossMw && old.CriticalItMw == row.CriticalItMw && old.Source == row.Source);
        }
        foreach (var row in batch.Contracts)
        {
            var old = existing.Contracts.GetValueOrDefault((row.Ticker, row.Contract));
            plan.Contracts.Add(row, old?.Id, old is not null && old.Customer == row.Customer && old.ContractedMw == row.ContractedMw &&
                old.TermYears == row.TermYears && old.TotalValueUsd == row.TotalValueUsd &&
                old.AnnualizedRevenueUsd == row.AnnualizedRevenueUsd && old.SignedOn == row.SignedOn &&
                old.FullDeliveryBy == row.FullDeliveryBy && old.Source == row.Source);
        }
        foreach (var row in batch.ContractEvents)
        {
            if (existing.ContractEvents.TryGetValue((row.Ticker, row.Contract, row.Event, row.EventOn), out var old))
            {
                var changed = new List<(string Column, string? Stored)>();
                if (old.MwChange != row.MwChange)
                {
                    changed.Add(("mw_change", ImportValueFormat.Number(old.MwChange)));
                }
                if (old.Source != row.Source)
                {
                    changed.Add(("source", old.Source));
                }
                if (changed.Count == 0)
                {
                    plan.ContractEvents.Unchanged++;
                }
                else
                {
                    var value = changed[0].Column == "mw_change" ? ImportValueFormat.Number(row.MwChange) ?? "" : row.Source;
                    AppendOnlyConflict(batch, ImportFormat.ContractEvents, row.Line, changed, value,
                        $"{row.Ticker} {row.Contract} {ImportVocabulary.Word(row.Event)} {ImportValueFormat.Date(row.EventOn)}",
                        "Record a change as a new event (expanded, downsized or cancelled) instead.");
                }
            }
            else
            {
                plan.ContractEvents.Inserts.Add(row);
            }
        }
        foreach (var row in batch.Tranches)
        {
            var old = existing.Tranches.GetValueOrDefault((row.Ticker, row.Tranche));
            plan.Tranches.Add(row, old?.Id, old is not null && existing.SiteNameOf.GetValueOrDefault(old.SiteId) == row.Site &&
                (old.ContractId is { } c ? existing.ContractCodeOf.GetValueOrDefault(c) : null) == row.Contract &&
                old.Customer == row.Customer && old.CriticalItMw == row.CriticalItMw && old.Status == row.Status &&
                old.ActualRfs == row.ActualRfs && old.Source == row.Source);
        }
        foreach (var row in batch.RfsRevisions)
        {
            if (existing.RfsRevisions.TryGetValue((row.Ticker, row.Tranche, row.AnnouncedOn), out var old))
            {
                var changed = new List<(string Column, string? Stored)>();
                if (old.RfsDate != row.RfsDate)
                {
                    changed.Add(("rfs_date", ImportValueFormat.Date(old.RfsDate)));
                }
                if (old.Source != row.Source)
                {
                    changed.Add(("source", old.Source));
                }
                if (old.Note != row.Note)
                {
                    changed.Add(("note", old.Note));
                }
                if (changed.Count == 0)
                {
                    plan.RfsRevisions.Unchanged++;
                }
                else
                {
                    var value = changed[0].Column switch
                    {
                        "rfs_date" => ImportValueFormat.Date(row.RfsDate),
                        "source" => row.Source,
                        _ => row.Note ?? "",
                    };
                    AppendOnlyConflict(batch, ImportFormat.RfsRevisions, row.Line, changed, value,
                        $"the revision of {row.Ticker} {row.Tranche} announced on {ImportValueFormat.Date(row.AnnouncedOn)}",
                        "To move the RFS date, add a revision with a later announced_on.");
                }
            }
            else
            {
                plan.RfsRevisions.Inserts.Add(row);
            }
        }
        foreach (var row in batch.Quarterly)
        {
            var old = existing.Quarterly.GetValueOrDefault((row.Ticker, row.PeriodEnd));
            plan.Quarterly.Add(row, old?.Id, old is not null && old.FiscalLabel == row.FiscalLabel && old.ReportedOn == row.ReportedOn &&
                old.ColocationRevenueUsd == row.ColocationRevenueUsd && old.MiningRevenueUsd == row.MiningRevenueUsd &&
                old.BtcProduced == row.BtcProduced && old.CashCostPerBtcUsd == row.CashCostPerBtcUsd &&
                old.ContractedMw == row.ContractedMw && old.EnergizedMw == row.EnergizedMw && old.BillableMw == row.BillableMw &&
                old.GrossPipelineMw == row.GrossPipelineMw && old.CapexUsd == row.CapexUsd && old.Source == row.Source);
        }
        foreach (var row in batch.BtcPrices)
        {
            var old = existing.BtcPrices.GetValueOrDefault(row.Date);
            // btc_prices is keyed by its date; the id in the plan is unused.
            plan.BtcPrices.Add(row, old is null ? null : 0, old is not null && old.CloseUsd == row.CloseUsd && old.Source == row.Source);
        }
        foreach (var row in batch.Targets)
        {
            var old = existing.Targets.GetValueOrDefault((row.Ticker, row.Kind, row.Deadline));
            plan.Targets.Add(row, old?.Id, old is not null && old.TargetValue == row.TargetValue && old.AnnouncedOn == row.AnnouncedOn &&
                old.Source == row.Source);
        }
        foreach (var row in batch.Indicators)
        {
            var old = existing.Indicators.GetValueOrDefault((row.Series, row.Date));
            plan.Indicators.Add(row, old?.Id, old is not null && old.Value == row.Value && old.Unit == row.Unit && old.Source == row.Source);
        }
        return plan;
    }

    private static void AppendOnlyConflict(ImportBatch batch, string file, int line, List<(string Column, string? Stored)> changed,
        string? value, string what, string advice)
    {
        var stored = string.Join(", ", changed.Select(c => $"{c.Column} '{Shorten(c.Stored)}'"));
        batch.Errors.Add(file, line, changed[0].Column, value,
            $"{file} is append-only and {what} is already stored with {stored}. An identical row is skipped, a changed one is refused. {advice}");
    }

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
