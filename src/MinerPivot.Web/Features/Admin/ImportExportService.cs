using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;

namespace MinerPivot.Web.Features.Admin;

/// <summary>A file read from the browser, held in memory between the preview and the confirmed import.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>
/// Preview, import and export, straight through <see cref="CsvImporter"/> and <see cref="CsvExporter"/>: the import page
/// and the import API (POST /api/v1/import, GET /api/v1/export) both call this service.
/// </summary>
public sealed class ImportExportService(IDbContextFactory<MinerPivotDbContext> dbFactory, TimeProvider clock, IOptions<ImportBounds> bounds)
{
    public Task<ImportResult> PreviewAsync(IReadOnlyList<UploadedFile> files, CancellationToken ct = default) =>
        WithStreamsAsync(files, input => PreviewAsync(input, ct));

    /// <summary>Validates again and writes everything in one transaction, or nothing; the importer records the audit entry.</summary>
    public Task<ImportResult> ImportAsync(IReadOnlyList<UploadedFile> files, string userName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return WithStreamsAsync(files, input => ImportAsync(input, userName, ct));
    }

    /// <summary>Validates and counts what an import of <paramref name="files"/> would do (the caller owns the streams).</summary>
    public async Task<ImportResult> PreviewAsync(IReadOnlyList<ImportFile> files, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await new CsvImporter(db, clock, bounds.Value).PreviewAsync(files, ct);
    }

    /// <summary>Imports <paramref name="files"/> as <paramref name="userName"/> (the caller owns the streams).</summary>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<ImportFile> files, string userName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await new CsvImporter(db, clock, bounds.Value).ImportAsync(files, userName, ct);
    }

    private static async Task<ImportResult> WithStreamsAsync(IReadOnlyList<UploadedFile> files, Func<IReadOnlyList<ImportFile>, Task<ImportResult>> run)
    {
        var input = files.Select(f => new ImportFile(f.Name, new MemoryStream(f.Content, writable: false))).ToList();
        try
        {
            return await run(input);
        }
        finally
        {
            foreach (var file in input)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    public async Task<bool> HasCompanyAsync(string ticker, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Companies.AnyAsync(c => c.Ticker == ticker, ct);
    }

    /// <summary>The ten files as a zip, for all companies or one (prices and indicators are always complete).</summary>
    public async Task WriteZipAsync(Stream destination, string? ticker, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await new CsvExporter(db).WriteZipAsync(destination, ticker, ct);
    }

    public async Task<MemoryStream> ExportZipAsync(string? ticker, CancellationToken ct = default)
    {
        var zip = new MemoryStream();
        await WriteZipAsync(zip, ticker, ct);
        zip.Position = 0;
        return zip;
    }

    public string ZipFileName(string? ticker) =>
        $"minerpivot-{(string.IsNullOrWhiteSpace(ticker) ? "all" : ticker.Trim().ToLowerInvariant())}-" +
        $"{ImportValueFormat.Date(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))}.zip";
}
