using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;

namespace MinerPivot.Data.Import;

/// <summary>
/// Writes the ten import files from the database through the catalog's entity maps, sorted as each kind says (by natural key), so that export → import into an empty
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
        var names = await ParentNames.LoadAsync(db, ct);
        foreach (var map in EntityMaps.All)
        {
            var rows = (await map.LoadAsync(db, names, ct, ticker)).Select(x => x.Row);
            foreach (var row in map.Kind.Sorted(rows))
            {
                batch.Add(row);
            }
        }
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
