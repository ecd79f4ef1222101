namespace MinerPivot.Core.Domain;

/// <summary>One company's reported figures for one fiscal quarter. Null means "not reported", never zero.</summary>
public class QuarterlyFigure
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public required string FiscalLabel { get; set; }
    /// <summary>When the figures were first published; the as-of date they become known.</summary>
    public DateOnly ReportedOn { get; set; }
    public decimal? ColocationRevenueUsd { get; set; }
    public decimal? MiningRevenueUsd { get; set; }
    public decimal? BtcProduced { get; set; }
    public decimal? CashCostPerBtcUsd { get; set; }
    public decimal? ContractedMw { get; set; }
    public decimal? EnergizedMw { get; set; }
    public decimal? BillableMw { get; set; }
    public decimal? GrossPipelineMw { get; set; }
    public decimal? CapexUsd { get; set; }
    public required string Source { get; set; }
    public uint Version { get; set; }
}
