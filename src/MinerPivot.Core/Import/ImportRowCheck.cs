namespace MinerPivot.Core.Import;

/// <summary>The row read from a form, or the reasons it was refused (each naming its column).</summary>
public sealed record RowCheckResult(ImportRow? Row, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Row is not null && Errors.Count == 0;

    /// <summary>The messages for one column (an error with no column belongs to the row as a whole).</summary>
    public IEnumerable<string> MessagesFor(string column) => Errors.Where(e => e.Column == column).Select(e => e.Message);
}

/// <summary>
/// Checks one row given cell by cell, as a form enters it, by reading it as a one-row file with <see cref="ImportReader"/>:
/// the rules of a form and of an import cannot drift apart.
/// </summary>
public static class ImportRowCheck
{
    /// <summary>
    /// Reads <paramref name="cells"/> (by column of <paramref name="file"/>; a missing column is an empty cell) and, with
    /// <paramref name="known"/>, checks that the ticker, site, contract and tranche it refers to exist.
    /// </summary>
    public static async Task<RowCheckResult> CheckAsync(string file, IReadOnlyDictionary<string, string?> cells, KnownKeys? known,
        CancellationToken ct = default) => await CheckAsync(file, cells, known, ImportBounds.Default, ct);

    public static async Task<RowCheckResult> CheckAsync(string file, IReadOnlyDictionary<string, string?> cells, KnownKeys? known,
        ImportBounds bounds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var name = ImportFormat.CanonicalName(file) ?? throw new ArgumentException($"Unknown import file '{file}'.", nameof(file));
        var columns = ImportFormat.ColumnsOf(name);
        var record = columns.Select(c => cells.TryGetValue(c, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null).ToArray();
        using var csv = new MemoryStream();
        await ImportCsvWriter.WriteRecordsAsync(columns, [record], csv, ct);
        csv.Position = 0;
        var batch = await ImportReader.ReadAsync([new ImportFile(name, csv)], bounds, ct);
        if (known is not null)
        {
            ImportValidator.CheckReferences(batch, known);
        }
        var row = RowOf(batch, name);
        return new RowCheckResult(batch.HasErrors ? null : row, batch.Errors.ToList());
    }

    private static ImportRow? RowOf(ImportBatch batch, string file) => file switch
    {
        ImportFormat.Companies => batch.Companies.SingleOrDefault(),
        ImportFormat.Sites => batch.Sites.SingleOrDefault(),
        ImportFormat.Contracts => batch.Contracts.SingleOrDefault(),
        ImportFormat.ContractEvents => batch.ContractEvents.SingleOrDefault(),
        ImportFormat.Tranches => batch.Tranches.SingleOrDefault(),
        ImportFormat.RfsRevisions => batch.RfsRevisions.SingleOrDefault(),
        ImportFormat.Quarterly => batch.Quarterly.SingleOrDefault(),
        ImportFormat.BtcPrices => batch.BtcPrices.SingleOrDefault(),
        ImportFormat.Targets => batch.Targets.SingleOrDefault(),
        ImportFormat.Indicators => batch.Indicators.SingleOrDefault(),
        _ => null,
    };
}
