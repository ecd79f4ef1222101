namespace MinerPivot.Core.Import;

/// <summary>
/// The rows of the ten files, as read from an import (only rows without errors) or as loaded for an export.
/// </summary>
public sealed class ImportBatch
{
    /// <summary>The files read, by their canonical names, in import order.</summary>
    public List<string> Files { get; } = [];

    private readonly Dictionary<FactKind, System.Collections.IList> _rows = [];

    public List<CompanyRow> Companies => Rows(FactKinds.Companies);
    public List<SiteRow> Sites => Rows(FactKinds.Sites);
    public List<ContractRow> Contracts => Rows(FactKinds.Contracts);
    public List<ContractEventRow> ContractEvents => Rows(FactKinds.ContractEvents);
    public List<TrancheRow> Tranches => Rows(FactKinds.Tranches);
    public List<RfsRevisionRow> RfsRevisions => Rows(FactKinds.RfsRevisions);
    public List<QuarterlyRow> Quarterly => Rows(FactKinds.Quarterly);
    public List<BtcPriceRow> BtcPrices => Rows(FactKinds.BtcPrices);
    public List<TargetRow> Targets => Rows(FactKinds.Targets);
    public List<IndicatorRow> Indicators => Rows(FactKinds.Indicators);

    /// <summary>Adds a row to the rows of its kind.</summary>
    public void Add(ImportRow row) => FactKinds.Of(row).Add(this, row);

    /// <summary>The rows of one kind.</summary>
    public List<TRow> Rows<TRow>(FactKind<TRow> kind) where TRow : ImportRow
    {
        if (!_rows.TryGetValue(kind, out var rows))
        {
            _rows[kind] = rows = new List<TRow>();
        }
        return (List<TRow>)rows;
    }

    public ImportErrors Errors { get; } = new();

    public bool HasErrors => Errors.Count > 0;

    /// <summary>
    /// Keys of the rows of the parent files whose key cells were valid, even if another cell of the row was not,
    /// so that children of a faulty row are not also reported as referring to an unknown key.
    /// </summary>
    internal KnownKeys DeclaredKeys { get; } = KnownKeys.CreateEmpty();

    /// <summary>What every row refers to, including rows with other errors, so that all errors are found in one pass.</summary>
    internal List<RowReferences> References { get; } = [];

    public int RowCount(string file) => FactKinds.Of(file).RowsIn(this).Count;
}

/// <summary>The ticker, and the site, contract or tranche of that company, one row refers to.</summary>
internal sealed record RowReferences(string File, int Line, string Ticker, string? Site = null, string? Contract = null, string? Tranche = null);
