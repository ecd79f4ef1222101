using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;

namespace MinerPivot.Web.Hosting;

/// <summary>Loads the demo dataset (the import format, sourced row by row) into an empty database through the importer.</summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<MinerPivotDbContext> dbFactory,
    IOptions<MinerPivotOptions> options,
    TimeProvider time,
    IOptions<ImportBounds> bounds,
    ILogger<DemoDataSeeder> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Companies.AnyAsync(ct))
            {
                return;
            }
        }
        var folder = LocateDemoData();
        if (folder is null)
        {
            logger.LogWarning("No demo data folder found (set MinerPivot:DemoDataDir); starting with an empty database");
            return;
        }
        await ImportFolderAsync(folder, ct);
    }

    public const string SeedUserName = "demo-seed";

    private async Task ImportFolderAsync(string folder, CancellationToken ct)
    {
        var files = ImportFormat.FileNames
            .Select(name => Path.Combine(folder, name))
            .Where(File.Exists)
            .Select(path => new ImportFile(Path.GetFileName(path), File.OpenRead(path)))
            .ToList();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var result = await new CsvImporter(db, time, bounds.Value).ImportAsync(files, SeedUserName, ct);
            if (result.Succeeded)
            {
                logger.LogInformation("Demo data imported from {Folder}: {Counts}", folder,
                    string.Join(", ", result.Files.Select(f => $"{f.File} {f.Inserted}")));
            }
            else
            {
                logger.LogError("The demo data in {Folder} was not imported ({ErrorCount} errors): {Errors}", folder, result.ErrorCount,
                    string.Join("; ", result.Errors.Take(20)));
            }
        }
        finally
        {
            foreach (var file in files)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    /// <summary>The configured folder, else the copy of the repository's data/demo that the build puts beside the app.</summary>
    public string? LocateDemoData()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.DemoDataDir))
        {
            return Directory.Exists(options.Value.DemoDataDir) ? Path.GetFullPath(options.Value.DemoDataDir) : null;
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "demo-data");
        return File.Exists(Path.Combine(beside, "companies.csv")) ? beside : null;
    }
}
