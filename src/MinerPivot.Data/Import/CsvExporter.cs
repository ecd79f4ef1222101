using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;

namespace MinerPivot.Data.Import;

/// <summary>
/// Writes the ten import files from the database, sorted by natural key, so that export → import into an empty
/// database → export gives the same bytes. With a ticker, only that company's rows; btc_prices and indicators are
/// global and always complete.
/// </summary>
public sealed class CsvExporter(MinerPivotDbContext db)
{
    /// <summary>The rows of every file, in the order they are written.</summary>
    public async Task<ImportBatch> LoadAsync(string? ticker = null, CancellationToken ct = default)
    {
        ticker = string.IsNullOrWhiteSpace(ticker) ? null : ticker.Trim().ToUpperInvariant();
        // One snapshot for all tables, so that an import running meanwhile cannot leave a row without its parent.
        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct)
            : null;
        var batch = new ImportBatch();
        batch.Files.AddRange(ImportFormat.FileNames);

        var companies = await db.Companies.AsNoTracking().Where(c => ticker == null || c.Ticker == ticker).ToListAsync(ct);
        var tickerOf = companies.ToDictionary(c => c.Id, c => c.Ticker);
        var companyIds = tickerOf.Keys.ToArray();
        batch.Companies.AddRange(companies
            .Select(c => new CompanyRow(c.Ticker, c.Name, c.FiscalYearEndMonth))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal));

        var sites = await db.Sites.AsNoTracking().Where(s => companyIds.Contains(s.CompanyId)).ToListAsync(ct);
        var siteNameOf = sites.ToDictionary(s => s.Id, s => s.Name);
        batch.Sites.AddRange(sites
            .Select(s => new SiteRow(tickerOf[s.CompanyId], s.Name, s.Location, s.AcquiredOn, s.GrossMw, s.CriticalItMw, s.Source))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal).ThenBy(r => r.Site, StringComparer.Ordinal));

        var contracts = await db.Contracts.AsNoTracking().Where(c => companyIds.Contains(c.CompanyId)).ToListAsync(ct);
        var contractOf = contracts.ToDictionary(c => c.Id, c => (Ticker: tickerOf[c.CompanyId], c.Code));
        batch.Contracts.AddRange(contracts
            .Select(c => new ContractRow(tickerOf[c.CompanyId], c.Code, c.Customer, c.ContractedMw, c.TermYears, c.TotalValueUsd,
                c.AnnualizedRevenueUsd, c.SignedOn, c.FullDeliveryBy, c.Source))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal).ThenBy(r => r.Contract, StringComparer.Ordinal));

        var contractIds = contractOf.Keys.ToArray();
        var events = await db.ContractEvents.AsNoTracking().Where(e => contractIds.Contains(e.ContractId)).ToListAsync(ct);
        batch.ContractEvents.AddRange(events
            .Select(e => new ContractEventRow(contractOf[e.ContractId].Ticker, contractOf[e.ContractId].Code, e.Kind, e.EventOn, e.MwChange, e.Source))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal).ThenBy(r => r.Contract, StringComparer.Ordinal)
            .ThenBy(r => r.EventOn).ThenBy(r => r.Event));

        var tranches = await db.Tranches.AsNoTracking().Where(t => companyIds.Contains(t.CompanyId)).ToListAsync(ct);
        var trancheOf = tranches.ToDictionary(t => t.Id, t => (Ticker: tickerOf[t.CompanyId], t.Code));
        batch.Tranches.AddRange(tranches
            .Select(t => new TrancheRow(tickerOf[t.CompanyId], siteNameOf[t.SiteId], t.Code,
                t.ContractId is { } c ? contractOf[c].Code : null, t.Customer, t.CriticalItMw, t.Status, t.ActualRfs, t.Source))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal).ThenBy(r => r.Tranche, StringComparer.Ordinal));

        var trancheIds = trancheOf.Keys.ToArray();
        var revisions = await db.RfsRevisions.AsNoTracking().Where(r => trancheIds.Contains(r.TrancheId)).ToListAsync(ct);
        batch.RfsRevisions.AddRange(revisions
            .Select(r => new RfsRevisionRow(trancheOf[r.TrancheId].Ticker, trancheOf[r.TrancheId].Code, r.AnnouncedOn, r.RfsDate, r.Source, r.Note))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal).ThenBy(r => r.Tranche, StringComparer.Ordinal).ThenBy(r => r.AnnouncedOn));

        var quarters = await db.QuarterlyFigures.AsNoTracking().Where(q => companyIds.Contains(q.CompanyId)).ToListAsync(ct);
        batch.Quarterly.AddRange(quarters
            .Select(q => new QuarterlyRow(tickerOf[q.CompanyId], q.PeriodEnd, q.FiscalLabel, q.ReportedOn, q.ColocationRevenueUsd, q.MiningRevenueUsd,
                q.BtcProduced, q.CashCostPerBtcUsd, q.ContractedMw, q.EnergizedMw, q.BillableMw, q.GrossPipelineMw, q.CapexUsd, q.Source))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal).ThenBy(r => r.PeriodEnd));

        var prices = await db.BtcPrices.AsNoTracking().ToListAsync(ct);
        batch.BtcPrices.AddRange(prices.Select(p => new BtcPriceRow(p.Date, p.CloseUsd, p.Source)).OrderBy(r => r.Date));

        var targets = await db.Targets.AsNoTracking().Where(t => companyIds.Contains(t.CompanyId)).ToListAsync(ct);
        batch.Targets.AddRange(targets
            .Select(t => new TargetRow(tickerOf[t.CompanyId], t.Kind, t.TargetValue, t.Deadline, t.AnnouncedOn, t.Source))
            .OrderBy(r => r.Ticker, StringComparer.Ordinal).ThenBy(r => r.Kind).ThenBy(r => r.Deadline));

        var indicators = await db.IndicatorValues.AsNoTracking().ToListAsync(ct);
        batch.Indicators.AddRange(indicators
            .Select(i => new IndicatorRow(i.Series, i.Date, i.Value, i.Unit, i.Source))
            .OrderBy(r => r.Series, StringComparer.Ordinal).ThenBy(r => r.Date));

        return batch;
    }

    /// <summary>Writes one file (companies.csv, …) to <paramref name="destination"/>.</summary>
    public async Task WriteAsync(string file, Stream destination, string? ticker = null, CancellationToken ct = default)
    {
        var batch = await LoadAsync(ticker, ct);
        await ImportCsvWriter.WriteAsync(batch, file, destination, ct);
    }

    /// <summary>Writes the ten files into <paramref name="directory"/>, replacing files of the same names.</summary>
    public async Task WriteDirectoryAsync(string directory, string? ticker = null, CancellationToken ct = default)
    {
        var batch = await LoadAsync(ticker, ct);
        Directory.CreateDirectory(directory);
        foreach (var file in ImportFormat.FileNames)
        {
            await using var stream = File.Create(Path.Combine(directory, file));
            await ImportCsvWriter.WriteAsync(batch, file, stream, ct);
        }
    }

    /// <summary>Writes the ten files as one zip archive; the stream need not be seekable (an HTTP response).</summary>
    public async Task WriteZipAsync(Stream destination, string? ticker = null, CancellationToken ct = default)
    {
        var batch = await LoadAsync(ticker, ct);
        // Closing an entry's stream writes to the archive's stream synchronously, which an HTTP response refuses;
        // so the archive is built in memory and then copied asynchronously.
        using var archive = new MemoryStream();
        await using (var zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var file in ImportFormat.FileNames)
            {
                var entry = zip.CreateEntry(file, CompressionLevel.Optimal);
                await using var stream = await entry.OpenAsync(ct);
                await ImportCsvWriter.WriteAsync(batch, file, stream, ct);
            }
        }
        archive.Position = 0;
        await archive.CopyToAsync(destination, ct);
    }
}
