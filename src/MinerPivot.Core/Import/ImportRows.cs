using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Import;

/// <summary>A parsed line of an import file. <see cref="Line"/> is where it came from (0 for rows built for export).</summary>
public abstract record ImportRow
{
    public int Line { get; init; }
}

public sealed record CompanyRow(string Ticker, string Name, int FiscalYearEndMonth) : ImportRow;

public sealed record SiteRow(string Ticker, string Site, string Location, DateOnly? AcquiredOn, decimal GrossMw,
    decimal? CriticalItMw, string Source) : ImportRow;

public sealed record ContractRow(string Ticker, string Contract, string Customer, decimal ContractedMw, decimal? TermYears,
    decimal? TotalValueUsd, decimal? AnnualizedRevenueUsd, DateOnly SignedOn, DateOnly? FullDeliveryBy, string Source) : ImportRow
{
    public ContractKind Kind { get; init; } = ContractKind.Colocation;
}

public sealed record ContractEventRow(string Ticker, string Contract, ContractEventKind Event, DateOnly EventOn, decimal? MwChange,
    string Source) : ImportRow;

public sealed record TrancheRow(string Ticker, string Site, string Tranche, string? Contract, string Customer, decimal CriticalItMw,
    TrancheStatus Status, DateOnly? ActualRfs, string Source) : ImportRow;

public sealed record RfsRevisionRow(string Ticker, string Tranche, DateOnly AnnouncedOn, DateOnly RfsDate, string Source,
    string? Note) : ImportRow;

public sealed record QuarterlyRow(string Ticker, DateOnly PeriodEnd, string FiscalLabel, DateOnly ReportedOn,
    decimal? ColocationRevenueUsd, decimal? MiningRevenueUsd, decimal? BtcProduced, decimal? CashCostPerBtcUsd,
    decimal? ContractedMw, decimal? EnergizedMw, decimal? BillableMw, decimal? GrossPipelineMw, decimal? CapexUsd,
    string Source) : ImportRow;

public sealed record BtcPriceRow(DateOnly Date, decimal CloseUsd, string Source) : ImportRow;

public sealed record TargetRow(string Ticker, TargetKind Kind, decimal TargetValue, DateOnly Deadline, DateOnly AnnouncedOn,
    string Source) : ImportRow;

public sealed record IndicatorRow(string Series, DateOnly Date, decimal Value, string Unit, string Source) : ImportRow;
