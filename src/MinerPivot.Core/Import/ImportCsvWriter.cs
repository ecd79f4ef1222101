using System.Globalization;
using CsvHelper;
using MinerPivot.Core.Domain;

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
    public static string FileOf(ImportRow row) => row switch
    {
        CompanyRow => ImportFormat.Companies,
        SiteRow => ImportFormat.Sites,
        ContractRow => ImportFormat.Contracts,
        ContractEventRow => ImportFormat.ContractEvents,
        TrancheRow => ImportFormat.Tranches,
        RfsRevisionRow => ImportFormat.RfsRevisions,
        QuarterlyRow => ImportFormat.Quarterly,
        BtcPriceRow => ImportFormat.BtcPrices,
        TargetRow => ImportFormat.Targets,
        IndicatorRow => ImportFormat.Indicators,
        _ => throw new ArgumentException($"Unknown row type {row.GetType().Name}.", nameof(row)),
    };

    /// <summary>The cells of one row as an export writes them (null for an empty cell), by column of its file.</summary>
    public static IReadOnlyDictionary<string, string?> CellsOf(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var columns = ImportFormat.ColumnsOf(FileOf(row));
        var values = Record(row);
        var cells = new Dictionary<string, string?>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            cells[columns[i]] = values[i];
        }
        return cells;
    }

    private static IEnumerable<string?[]> Records(ImportBatch batch, string file) => file switch
    {
        ImportFormat.Companies => batch.Companies.Select(Record),
        ImportFormat.Sites => batch.Sites.Select(Record),
        ImportFormat.Contracts => batch.Contracts.Select(Record),
        ImportFormat.ContractEvents => batch.ContractEvents.Select(Record),
        ImportFormat.Tranches => batch.Tranches.Select(Record),
        ImportFormat.RfsRevisions => batch.RfsRevisions.Select(Record),
        ImportFormat.Quarterly => batch.Quarterly.Select(Record),
        ImportFormat.BtcPrices => batch.BtcPrices.Select(Record),
        ImportFormat.Targets => batch.Targets.Select(Record),
        ImportFormat.Indicators => batch.Indicators.Select(Record),
        _ => throw new ArgumentException($"Unknown import file '{file}'.", nameof(file)),
    };

    /// <summary>The cells of a row in the column order of its file.</summary>
    private static string?[] Record(ImportRow row) => row switch
    {
        CompanyRow r =>
        [
            r.Ticker, r.Name, r.FiscalYearEndMonth.ToString(CultureInfo.InvariantCulture),
        ],
        SiteRow r =>
        [
            r.Ticker, r.Site, r.Location, ImportValueFormat.Date(r.AcquiredOn), ImportValueFormat.Number(r.GrossMw),
            ImportValueFormat.Number(r.CriticalItMw), r.Source,
        ],
        ContractRow r =>
        [
            r.Ticker, r.Contract, r.Customer, ImportValueFormat.Number(r.ContractedMw), ImportValueFormat.Number(r.TermYears),
            ImportValueFormat.Money(r.TotalValueUsd), ImportValueFormat.Money(r.AnnualizedRevenueUsd), ImportValueFormat.Date(r.SignedOn),
            ImportValueFormat.Date(r.FullDeliveryBy), r.Source,
        ],
        ContractEventRow r =>
        [
            r.Ticker, r.Contract, ImportVocabulary.Word(r.Event), ImportValueFormat.Date(r.EventOn), ImportValueFormat.Number(r.MwChange),
            r.Source,
        ],
        TrancheRow r =>
        [
            r.Ticker, r.Site, r.Tranche, r.Contract, r.Customer, ImportValueFormat.Number(r.CriticalItMw), ImportVocabulary.Word(r.Status),
            ImportValueFormat.Date(r.ActualRfs), r.Source,
        ],
        RfsRevisionRow r =>
        [
            r.Ticker, r.Tranche, ImportValueFormat.Date(r.AnnouncedOn), ImportValueFormat.Date(r.RfsDate), r.Source, r.Note,
        ],
        QuarterlyRow r =>
        [
            r.Ticker, ImportValueFormat.Date(r.PeriodEnd), r.FiscalLabel, ImportValueFormat.Date(r.ReportedOn),
            ImportValueFormat.Money(r.ColocationRevenueUsd), ImportValueFormat.Money(r.MiningRevenueUsd), ImportValueFormat.Number(r.BtcProduced),
            ImportValueFormat.Money(r.CashCostPerBtcUsd), ImportValueFormat.Number(r.ContractedMw), ImportValueFormat.Number(r.EnergizedMw),
            ImportValueFormat.Number(r.BillableMw), ImportValueFormat.Number(r.GrossPipelineMw), ImportValueFormat.Money(r.CapexUsd), r.Source,
        ],
        BtcPriceRow r =>
        [
            ImportValueFormat.Date(r.Date), ImportValueFormat.Money(r.CloseUsd), r.Source,
        ],
        TargetRow r =>
        [
            r.Ticker, ImportVocabulary.Word(r.Kind), ImportValueFormat.Number(r.TargetValue), ImportValueFormat.Date(r.Deadline),
            ImportValueFormat.Date(r.AnnouncedOn), r.Source,
        ],
        IndicatorRow r =>
        [
            r.Series, ImportValueFormat.Date(r.Date), ImportValueFormat.Number(r.Value), r.Unit, r.Source,
        ],
        _ => throw new ArgumentException($"Unknown row type {row.GetType().Name}.", nameof(row)),
    };
}
