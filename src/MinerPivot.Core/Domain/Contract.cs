namespace MinerPivot.Core.Domain;

/// <summary>What a contract sells (the format's contracts.csv kind column).</summary>
public enum ContractKind
{
    /// <summary>A lease of powered capacity (the default).</summary>
    Colocation,
    /// <summary>Compute sold as a service on the operator's own GPUs.</summary>
    GpuCloud,
    BuildToSuit,
}

/// <summary>A signed colocation/hosting contract: M critical IT MW for a customer, fully delivered by a date.</summary>
public class Contract
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    /// <summary>Short code, unique per company.</summary>
    public required string Code { get; set; }
    public required string Customer { get; set; }
    public decimal ContractedMw { get; set; }
    public decimal? TermYears { get; set; }
    public decimal? TotalValueUsd { get; set; }
    public decimal? AnnualizedRevenueUsd { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly? FullDeliveryBy { get; set; }
    public required string Source { get; set; }
    public ContractKind Kind { get; set; }
    public uint Version { get; set; }

    public List<ContractEvent> Events { get; set; } = [];
    public List<Tranche> Tranches { get; set; } = [];
}

public enum ContractEventKind
{
    Signed,
    Expanded,
    Downsized,
    Cancelled,
}

/// <summary>An append-only event in a contract's life.</summary>
public class ContractEvent
{
    public int Id { get; set; }
    public int ContractId { get; set; }
    public Contract? Contract { get; set; }
    public ContractEventKind Kind { get; set; }
    public DateOnly EventOn { get; set; }
    /// <summary>Change in contracted MW (positive for signed/expanded, the size of the cut for downsized).</summary>
    public decimal? MwChange { get; set; }
    public required string Source { get; set; }
}
