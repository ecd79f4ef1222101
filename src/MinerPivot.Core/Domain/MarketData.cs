namespace MinerPivot.Core.Domain;

/// <summary>A daily BTC close in USD.</summary>
public class BtcPrice
{
    public DateOnly Date { get; set; }
    public decimal CloseUsd { get; set; }
    public required string Source { get; set; }
    public uint Version { get; set; }
}

/// <summary>One value of a market-context series (the miners ETF, memory prices, industry cash cost…). May be negative.</summary>
public class IndicatorValue
{
    public int Id { get; set; }
    public required string Series { get; set; }
    public DateOnly Date { get; set; }
    public decimal Value { get; set; }
    public required string Unit { get; set; }
    public required string Source { get; set; }
    public uint Version { get; set; }
}

public enum TargetKind
{
    BillableMw,
}

/// <summary>A company target such as "X billable MW by date T".</summary>
public class Target
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public TargetKind Kind { get; set; }
    public decimal TargetValue { get; set; }
    public DateOnly Deadline { get; set; }
    public DateOnly AnnouncedOn { get; set; }
    public required string Source { get; set; }
    public uint Version { get; set; }
}
