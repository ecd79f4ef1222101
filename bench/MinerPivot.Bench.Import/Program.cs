using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Bench.Import;
using MinerPivot.Data;
using MinerPivot.Data.Embedded;
using MinerPivot.Data.Import;
using Npgsql;

// Import of 10,000 quarterly rows plus 20,000 RFS revisions through CsvImporter, against PostgreSQL's COPY of the same
// rows into the same tables as the floor. Each run gets a fresh database with the parents (companies, sites, tranches)
// already imported, untimed.
var options = Options.Parse(args);
var dataset = Dataset.Generate(options.Companies, options.Quarters, options.TranchesPerCompany, options.Revisions);
var rows = dataset.QuarterlyRows + dataset.RevisionRows;
Console.WriteLine($"Data: {options.Companies} companies × {options.Quarters} quarters = {dataset.QuarterlyRows:N0} quarterly rows; " +
                  $"{options.Companies * options.TranchesPerCompany:N0} tranches × {options.Revisions} revisions = {dataset.RevisionRows:N0} RFS revisions " +
                  $"({(dataset.Quarterly.Length + dataset.RfsRevisions.Length) / 1024.0 / 1024.0:0.0} MB of CSV)");

var root = Path.Combine(Path.GetTempPath(), $"mp-bench-import-{Guid.NewGuid():N}");
var pg = await EmbeddedPostgres.StartAsync(root);
try
{
    Console.WriteLine($"PostgreSQL: embedded cluster in {root}");
    var importer = new List<double>();
    var copy = new List<double>();
    for (var run = 0; run <= options.Runs; run++)
    {
        // Run 0 warms up (JIT, caches) and is not counted.
        var importMs = await Bench.TimeImporterAsync(pg, dataset, $"imp_{run}");
        var copyMs = await Bench.TimeCopyAsync(pg, dataset, $"copy_{run}");
        Console.WriteLine($"  run {run}{(run == 0 ? " (warm-up)" : "")}: CsvImporter {importMs,6:0} ms   COPY {copyMs,5:0} ms   ratio {importMs / copyMs:0.00}");
        if (run > 0)
        {
            importer.Add(importMs);
            copy.Add(copyMs);
        }
    }
    var medianImport = Bench.Median(importer);
    var medianCopy = Bench.Median(copy);
    var ratio = medianImport / medianCopy;
    Console.WriteLine();
    Console.WriteLine($"CsvImporter: median {medianImport:0} ms over {importer.Count} runs = {rows / (medianImport / 1000):N0} rows/s");
    Console.WriteLine($"COPY floor:  median {medianCopy:0} ms over {copy.Count} runs = {rows / (medianCopy / 1000):N0} rows/s");
    Console.WriteLine($"Ratio: {ratio:0.00}× COPY; target (at most 3×) {(ratio <= 3 ? "met" : "missed")}");
    return ratio <= 3 ? 0 : 1;
}
finally
{
    await pg.StopAsync();
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // A leftover temp folder is harmless.
    }
}

internal static class Bench
{
    /// <summary>The whole import of the two files: read, validate, plan against the database, write, audit, commit.</summary>
    public static async Task<double> TimeImporterAsync(EmbeddedPostgres pg, Dataset dataset, string database)
    {
        var connectionString = await FreshDatabaseWithParentsAsync(pg, dataset, database);
        await using var db = Context(connectionString);
        var clock = Stopwatch.StartNew();
        var result = await new CsvImporter(db).ImportAsync(dataset.MeasuredFiles(), "bench");
        clock.Stop();
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The import failed: " + string.Join("; ", result.Errors.Take(5)));
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The floor: the same rows as COPY text, ids already resolved and the text already built (untimed), sent into the
    /// same tables in one transaction.
    /// </summary>
    public static async Task<double> TimeCopyAsync(EmbeddedPostgres pg, Dataset dataset, string database)
    {
        var connectionString = await FreshDatabaseWithParentsAsync(pg, dataset, database);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var (quarterly, revisions) = await CopyText.BuildAsync(connection, dataset);
        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var writer = await connection.BeginTextImportAsync(CopyText.QuarterlyCopy))
            {
                await writer.WriteAsync(quarterly);
            }
            await using (var writer = await connection.BeginTextImportAsync(CopyText.RevisionsCopy))
            {
                await writer.WriteAsync(revisions);
            }
            await transaction.CommitAsync();
        }
        clock.Stop();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM quarterly_figures) + (SELECT count(*) FROM rfs_revisions)", connection);
        var stored = (long)(await count.ExecuteScalarAsync())!;
        if (stored != dataset.QuarterlyRows + dataset.RevisionRows)
        {
            throw new InvalidOperationException($"COPY stored {stored} rows.");
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<string> FreshDatabaseWithParentsAsync(EmbeddedPostgres pg, Dataset dataset, string name)
    {
        await using (var connection = new NpgsqlConnection(pg.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = pg.ConnectionStringFor(name);
        await using var db = Context(connectionString);
        await db.ApplyMigrationsAsync();
        var parents = await new CsvImporter(db).ImportAsync(dataset.ParentFiles(), "bench");
        if (!parents.Succeeded)
        {
            throw new InvalidOperationException("The parents were not imported: " + string.Join("; ", parents.Errors.Take(5)));
        }
        return connectionString;
    }

    private static MinerPivotDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<MinerPivotDbContext>();
        options.UseMinerPivotPostgres(connectionString);
        return new MinerPivotDbContext(options.Options);
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

internal sealed record Options(int Runs, int Companies, int Quarters, int TranchesPerCompany, int Revisions)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(Runs: 5, Companies: 200, Quarters: 50, TranchesPerCompany: 10, Revisions: 10);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--runs" => options with { Runs = Math.Max(5, value) },
                "--companies" => options with { Companies = value },
                "--quarters" => options with { Quarters = value },
                "--tranches" => options with { TranchesPerCompany = value },
                "--revisions" => options with { Revisions = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --runs, --companies, --quarters, --tranches, --revisions."),
            };
        }
        return options;
    }
}
