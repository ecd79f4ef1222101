namespace MinerPivot.Core.Domain;

/// <summary>A listed bitcoin miner. Quarters are stored by period end plus the company's own fiscal label.</summary>
public class Company
{
    public int Id { get; set; }
    public required string Ticker { get; set; }
    public required string Name { get; set; }
    /// <summary>1–12; some fiscal years end in June.</summary>
    public int FiscalYearEndMonth { get; set; } = 12;
    /// <summary>PostgreSQL xmin, the optimistic-concurrency token.</summary>
    public uint Version { get; set; }

    public List<Site> Sites { get; set; } = [];
    public List<Contract> Contracts { get; set; } = [];
    public List<Tranche> Tranches { get; set; } = [];
    public List<QuarterlyFigure> Quarters { get; set; } = [];
    public List<Target> Targets { get; set; } = [];
}
