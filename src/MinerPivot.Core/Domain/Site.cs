namespace MinerPivot.Core.Domain;

/// <summary>A campus with utility power. Gross MW and critical IT MW are never added to each other.</summary>
public class Site
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    /// <summary>The site's name, unique per company (the natural key with the ticker).</summary>
    public required string Name { get; set; }
    public required string Location { get; set; }
    public DateOnly? AcquiredOn { get; set; }
    public decimal GrossMw { get; set; }
    public decimal? CriticalItMw { get; set; }
    public required string Source { get; set; }
    public uint Version { get; set; }

    public List<Tranche> Tranches { get; set; } = [];
}
