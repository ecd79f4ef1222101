namespace MinerPivot.Core.Import;

/// <summary>
/// The rows of the ten files, as read from an import (only rows without errors) or as loaded for an export.
/// </summary>
public sealed class ImportBatch
{
    /// <summary>The files read, by their canonical names, in import order.</summary>
    public List<string> Files { get; } = [];

    public List<CompanyRow> Companies { get; } = [];
    public List<SiteRow> Sites { get; } = [];
    public List<ContractRow> Contracts { get; } = [];
    public List<ContractEventRow> ContractEvents { get; } = [];
    public List<TrancheRow> Tranches { get; } = [];
    public List<RfsRevisionRow> RfsRevisions { get; } = [];
    public List<QuarterlyRow> Quarterly { get; } = [];
    public List<BtcPriceRow> BtcPrices { get; } = [];
    public List<TargetRow> Targets { get; } = [];
    public List<IndicatorRow> Indicators { get; } = [];

    public ImportErrors Errors { get; } = new();

    public bool HasErrors => Errors.Count > 0;

    /// <summary>
    /// Keys of the rows of the parent files whose key cells were valid, even if another cell of the row was not,
    /// so that children of a faulty row are not also reported as referring to an unknown key.
    /// </summary>
    internal KnownKeys DeclaredKeys { get; } = KnownKeys.CreateEmpty();

    /// <summary>What every row refers to, including rows with other errors, so that all errors are found in one pass.</summary>
    internal List<RowReferences> References { get; } = [];

    public int RowCount(string file) => file switch
    {
        ImportFormat.Companies => Companies.Count,
        ImportFormat.Sites => Sites.Count,
        ImportFormat.Contracts => Contracts.Count,
        ImportFormat.ContractEvents => ContractEvents.Count,
        ImportFormat.Tranches => Tranches.Count,
        ImportFormat.RfsRevisions => RfsRevisions.Count,
        ImportFormat.Quarterly => Quarterly.Count,
        ImportFormat.BtcPrices => BtcPrices.Count,
        ImportFormat.Targets => Targets.Count,
        ImportFormat.Indicators => Indicators.Count,
        _ => throw new ArgumentException($"Unknown import file '{file}'.", nameof(file)),
    };
}

/// <summary>The ticker, and the site, contract or tranche of that company, one row refers to.</summary>
internal sealed record RowReferences(string File, int Line, string Ticker, string? Site = null, string? Contract = null, string? Tranche = null);
