using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;

namespace MinerPivot.Web.Features.Admin;

/// <summary>A file read from the browser, held in memory between the preview and the confirmed import.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>The import page's preview, import and export, straight through <see cref="CsvImporter"/> and <see cref="CsvExporter"/>.</summary>
public sealed class ImportExportService(IDbContextFactory<MinerPivotDbContext> dbFactory, TimeProvider clock, IOptions<ImportBounds> bounds)
{
    public Task<ImportResult> PreviewAsync(IReadOnlyList<UploadedFile> files, CancellationToken ct = default) =>
        RunAsync(files, (importer, input) => importer.PreviewAsync(input, ct), ct);

    /// <summary>Validates again and writes everything in one transaction, or nothing; the importer records the audit entry.</summary>
    public Task<ImportResult> ImportAsync(IReadOnlyList<UploadedFile> files, string userName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return RunAsync(files, (importer, input) => importer.ImportAsync(input, userName, ct), ct);
    }

    private async Task<ImportResult> RunAsync(IReadOnlyList<UploadedFile> files, Func<CsvImporter, IReadOnlyList<ImportFile>, Task<ImportResult>> run,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var input = files.Select(f => new ImportFile(f.Name, new MemoryStream(f.Content, writable: false))).ToList();
        try
        {
            return await run(new CsvImporter(db, clock, bounds.Value), input);
        }
        finally
        {
            foreach (var file in input)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    /// <summary>The ten files as a zip, for all companies or one (prices and indicators are always complete).</summary>
    public async Task<MemoryStream> ExportZipAsync(string? ticker, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zip = new MemoryStream();
        await new CsvExporter(db).WriteZipAsync(zip, ticker, ct);
        zip.Position = 0;
        return zip;
    }

    public string ZipFileName(string? ticker) =>
        $"minerpivot-{(string.IsNullOrWhiteSpace(ticker) ? "all" : ticker.Trim().ToLowerInvariant())}-" +
        $"{ImportValueFormat.Date(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))}.zip";
}
