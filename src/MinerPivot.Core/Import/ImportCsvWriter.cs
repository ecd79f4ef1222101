using System.Globalization;
using CsvHelper;

namespace MinerPivot.Core.Import;

/// <summary>
/// Writes rows in the import format, so that what is written reads back to the same rows: invariant numbers without
/// trailing zeros, ISO dates, empty cells for nulls, and quotes around text that would otherwise be trimmed or split.
/// </summary>
public static class ImportCsvWriter
{
    private static readonly CsvWriterOptions Options = new()
    {
        Separator = ',',
        NewLine = "\n",
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        Injection = CsvInjection.None,
        NullValue = "",
        WriteByteOrderMark = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes one file of <paramref name="batch"/> (header and rows, in the order given) as UTF-8.</summary>
    public static async Task WriteAsync(ImportBatch batch, string file, Stream destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var name = ImportFormat.CanonicalName(file) ?? throw new ArgumentException($"Unknown import file '{file}'.", nameof(file));
        await WriteRecordsAsync(ImportFormat.ColumnsOf(name), Records(batch, name), destination, ct);
    }

    /// <summary>Writes a header and records of raw cells, quoted as <see cref="WriteAsync"/> quotes them.</summary>
    internal static async Task WriteRecordsAsync(IReadOnlyList<string> header, IEnumerable<string?[]> records, Stream destination,
        CancellationToken ct = default)
    {
        await using var writer = CsvWriter.Create(destination, Options, leaveOpen: true);
        writer.WriteHeader([.. header]);
        foreach (var record in records)
        {
            await writer.WriteRecordAsync(record, ct);
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>The file a row belongs to.</summary>
    public static string FileOf(ImportRow row) => FactKinds.Of(row).File;

    /// <summary>The cells of one row as an export writes them (null for an empty cell), by column of its file.</summary>
    public static IReadOnlyDictionary<string, string?> CellsOf(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return FactKinds.Of(row).CellsByName(row);
    }

    private static IEnumerable<string?[]> Records(ImportBatch batch, string file)
    {
        var kind = FactKinds.Of(file);
        return kind.RowsIn(batch).Select(kind.Cells);
    }
}
