namespace MinerPivot.Core.Import;

/// <summary>The row read from a form, or the reasons it was refused (each naming its column).</summary>
public sealed record RowCheckResult(ImportRow? Row, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Row is not null && Errors.Count == 0;

    /// <summary>The messages for one column (an error with no column belongs to the row as a whole).</summary>
    public IEnumerable<string> MessagesFor(string column) => Errors.Where(e => e.Column == column).Select(e => e.Message);
}

/// <summary>
/// Checks one row given cell by cell, as a form enters it, with the importer's <see cref="RowReader"/>: the typed
/// parsing and checks of the catalog, so the rules of a form and of an import cannot drift apart.
/// </summary>
public static class ImportRowCheck
{
    /// <summary>
    /// Reads <paramref name="cells"/> (by column of <paramref name="file"/>; a missing column is an empty cell) and, with
    /// <paramref name="known"/>, checks that the ticker, site, contract and tranche it refers to exist.
    /// </summary>
    public static RowCheckResult Check(string file, IReadOnlyDictionary<string, string?> cells, KnownKeys? known, ImportBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var kind = FactKinds.Of(file);
        var batch = new ImportBatch();
        batch.Files.Add(kind.File);
        new RowReader(kind, batch, bounds ?? ImportBounds.Default)
            .Read(0, column => cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null);
        if (known is not null)
        {
            ImportValidator.CheckReferences(batch, known);
        }
        return new RowCheckResult(batch.HasErrors ? null : kind.RowsIn(batch).SingleOrDefault(), batch.Errors.ToList());
    }

    public static Task<RowCheckResult> CheckAsync(string file, IReadOnlyDictionary<string, string?> cells, KnownKeys? known,
        CancellationToken ct = default) => Task.FromResult(Check(file, cells, known));

    public static Task<RowCheckResult> CheckAsync(string file, IReadOnlyDictionary<string, string?> cells, KnownKeys? known,
        ImportBounds bounds, CancellationToken ct = default) => Task.FromResult(Check(file, cells, known, bounds));
}
