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
        await using var writer = CsvWriter.Create(destination, Options, leaveOpen: true);
        writer.WriteHeader([.. ImportFormat.ColumnsOf(name)]);
        foreach (var record in Records(batch, name))
        {
            await writer.WriteRecordAsync(record, ct);
        }
        await writer.FlushAsync(ct);
    }

    private static IEnumerable<string?[]> Records(ImportBatch batch, string file) => file switch
    {
        ImportFormat.Companies => batch.Companies.Select(r => new[]
        {
            r.Ticker, r.Name, r.FiscalYearEndMonth.ToString(CultureInfo.InvariantCulture),
        }),
        ImportFormat.Sites => batch.Sites.Select(r => new[]
        {
            r.Ticker, r.Site, r.Location, ImportValueFormat.Date(r.AcquiredOn), ImportValueFormat.Number(r.GrossMw),
            ImportValueFormat.Number(r.CriticalItMw), r.Source,
        }),
        ImportFormat.Contracts => batch.Contracts.Select(r => new[]
        {
            r.Ticker, r.Contract, r.Customer, ImportValueFormat.Number(r.ContractedMw), ImportValueFormat.Number(r.TermYears),
            ImportValueFormat.Money(r.TotalValueUsd), ImportValueFormat.Money(r.AnnualizedRevenueUsd), ImportValueFormat.Date(r.SignedOn),
            ImportValueFormat.Date(r.FullDeliveryBy), r.Source,
        }),
        ImportFormat.ContractEvents => batch.ContractEvents.Select(r => new[]
        {
            r.Ticker, r.Contract, ImportVocabulary.Word(r.Event), ImportValueFormat.Date(r.EventOn), ImportValueFormat.Number(r.MwChange),
            r.Source,
        }),
        ImportFormat.Tranches => batch.Tranches.Select(r => new[]
        {
            r.Ticker, r.Site, r.Tranche, r.Contract, r.Customer, ImportValueFormat.Number(r.CriticalItMw), ImportVocabulary.Word(r.Status),
            ImportValueFormat.Date(r.ActualRfs), r.Source,
        }),
        ImportFormat.RfsRevisions => batch.RfsRevisions.Select(r => new[]
        {
            r.Ticker, r.Tranche, ImportValueFormat.Date(r.AnnouncedOn), ImportValueFormat.Date(r.RfsDate), r.Source, r.Note,
        }),
        ImportFormat.Quarterly => batch.Quarterly.Select(r => new[]
        {
            r.Ticker, ImportValueFormat.Date(r.PeriodEnd), r.FiscalLabel, ImportValueFormat.Date(r.ReportedOn),
            ImportValueFormat.Money(r.ColocationRevenueUsd), ImportValueFormat.Money(r.MiningRevenueUsd), ImportValueFormat.Number(r.BtcProduced),
            ImportValueFormat.Money(r.CashCostPerBtcUsd), ImportValueFormat.Number(r.ContractedMw), ImportValueFormat.Number(r.EnergizedMw),
            ImportValueFormat.Number(r.BillableMw), ImportValueFormat.Number(r.GrossPipelineMw), ImportValueFormat.Money(r.CapexUsd), r.Source,
        }),
        ImportFormat.BtcPrices => batch.BtcPrices.Select(r => new[]
        {
            ImportValueFormat.Date(r.Date), ImportValueFormat.Money(r.CloseUsd), r.Source,
        }),
        ImportFormat.Targets => batch.Targets.Select(r => new[]
        {
            r.Ticker, ImportVocabulary.Word(r.Kind), ImportValueFormat.Number(r.TargetValue), ImportValueFormat.Date(r.Deadline),
            ImportValueFormat.Date(r.AnnouncedOn), r.Source,
        }),
        ImportFormat.Indicators => batch.Indicators.Select(r => new[]
        {
            r.Series, ImportValueFormat.Date(r.Date), ImportValueFormat.Number(r.Value), r.Unit, r.Source,
        }),
        _ => throw new ArgumentException($"Unknown import file '{file}'.", nameof(file)),
    };
}
