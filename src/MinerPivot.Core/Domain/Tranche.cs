namespace MinerPivot.Core.Domain;

public enum TrancheStatus
{
    Planned,
    UnderConstruction,
    ReadyForService,
    Billable,
    Cancelled,
}

/// <summary>A block of capacity at a site with its own customer, critical IT MW and RFS date.</summary>
public class Tranche
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public int SiteId { get; set; }
    public Site? Site { get; set; }
    /// <summary>Tranche code, unique per company.</summary>
    public required string Code { get; set; }
    public int? ContractId { get; set; }
    public Contract? Contract { get; set; }
    public required string Customer { get; set; }
    public decimal CriticalItMw { get; set; }
    public TrancheStatus Status { get; set; }
    public DateOnly? ActualRfs { get; set; }
    public required string Source { get; set; }
    public uint Version { get; set; }

    /// <summary>Append-only; the earliest announced is the baseline, the latest announced the current RFS.</summary>
    public List<RfsRevision> Revisions { get; set; } = [];
}

/// <summary>One announcement of an expected RFS date. Never edited or deleted.</summary>
public class RfsRevision
{
    public int Id { get; set; }
    public int TrancheId { get; set; }
    public Tranche? Tranche { get; set; }
    public DateOnly AnnouncedOn { get; set; }
    public DateOnly RfsDate { get; set; }
    public required string Source { get; set; }
    public string? Note { get; set; }
}
