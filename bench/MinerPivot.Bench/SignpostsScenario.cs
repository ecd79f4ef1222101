using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Import;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;
using MinerPivot.Data.Embedded;
using MinerPivot.Data.Facts;
using MinerPivot.Data.Import;
using MinerPivot.Web.Features.Signposts;
using Npgsql;

namespace MinerPivot.Bench;

/// <summary>
/// Signposts on the synthetic universe: the pure engine over all companies, GET /api/v1/companies/{ticker}/signposts
/// over real HTTP, and the raw SQL floor for the same facts. Prints a table; the targets are reported, not enforced.
/// </summary>
internal static class SignpostsScenario
{
    private const double EngineTargetMs = 50;
    private const double RatioTarget = 1.5;
    private const int EngineWarmup = 5;
    private const int EngineIterations = 50;
    private const int RequestWarmup = 50;
    private const int Requests = 1_000;

    public static async Task<int> RunAsync(CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), $"minerpivot-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(root);
        EmbeddedPostgres? postgres = null;
        try
        {
            Step("Writing the synthetic universe");
            var files = await SyntheticUniverse.WriteAsync(Path.Combine(root, "universe"), ct);

            Step("Starting an embedded PostgreSQL");
            postgres = await EmbeddedPostgres.StartAsync(Path.Combine(root, "postgres"), ct: ct);
            var connectionString = await CreateDatabaseAsync(postgres, ct);

            Step("Starting the web app on Kestrel (migrates the database)");
            await using var host = new BenchHost(connectionString, Path.Combine(root, "logs"));
            var baseAddress = host.Start();
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>();

            Step("Importing the universe with CsvImporter");
            var importTime = await ImportAsync(dbFactory, files, ct);

            Step("(a) engine: all companies");
            var service = host.Services.GetRequiredService<SignpostService>();
            var facts = await service.LoadAllFactsAsync(ct);
            var market = await service.GetMarketFactsAsync(ct);
            var engine = new SignpostEngine(host.Services.GetRequiredService<IOptions<SignpostThresholds>>().Value);
            IReadOnlyList<CompanyEvaluation> evaluations = [];
            var engineRun = await Measurement.RunAsync($"engine, all {facts.Count} companies", EngineWarmup, EngineIterations, _ =>
            {
                evaluations = engine.EvaluateAll(facts, market, SyntheticUniverse.AsOf);
                return Task.CompletedTask;
            });

            Step("(b) GET /api/v1/companies/{ticker}/signposts over HTTP and (c) the raw SQL floor, in turn");
            using var http = new HttpClient { BaseAddress = baseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await SignInAsync(http, ct));
            var asOf = SyntheticUniverse.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            long bytes = 0;
            // The floor talks to PostgreSQL with the app's own Npgsql settings (e.g. automatic preparation).
            var appConnectionString = AppConnectionString(dbFactory);
            var rowsPerCompany = 0;
            var measured = await Measurement.RunInterleavedAsync(RequestWarmup, Requests,
                ("GET …/signposts (HTTP, Kestrel)", async i =>
                {
                    using var response = await http.GetAsync($"/api/v1/companies/{TickerFor(i)}/signposts?asOf={asOf}", ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"GET signposts for {TickerFor(i)} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                    }
                    bytes = body.Length;
                }),
                ("raw SQL floor (Npgsql, 1 round trip)", async i => rowsPerCompany = await FactsSql.LoadAsync(appConnectionString, TickerFor(i), marketRows: false, ct)));
            var endpoint = measured[0];
            var floor = measured[1];
            var floorWithMarket = await Measurement.RunAsync("  … with every price and indicator row", RequestWarmup / 2, Requests / 4,
                async i => await FactsSql.LoadAsync(appConnectionString, TickerFor(i), marketRows: true, ct));

            Step("Breakdown of one request");
            var parts = new List<Measurement>
            {
                await Measurement.RunAsync("  service: load one company's facts (EF)", RequestWarmup, Requests / 2,
                    async i => await service.LoadFactsAsync(TickerFor(i), ct)),
                await Measurement.RunAsync("  service: market facts (cached)", RequestWarmup, Requests / 2,
                    async _ => await service.GetMarketFactsAsync(ct)),
                await Measurement.RunAsync("  service: EvaluateAsync, facts cached", RequestWarmup, Requests / 2,
                    async i => await service.EvaluateAsync(TickerFor(i), SyntheticUniverse.AsOf, ct)),
                await ColdEvaluationsAsync(host.Services, ct),
                await Measurement.RunAsync("  engine: one company", RequestWarmup, Requests / 2, i =>
                {
                    engine.Evaluate(facts[i * 37 % facts.Count], market, SyntheticUniverse.AsOf);
                    return Task.CompletedTask;
                }),
                await Measurement.RunAsync("  HTTP: GET /health/live", RequestWarmup, Requests / 2, async _ =>
                {
                    using var response = await http.GetAsync("/health/live", ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                }),
            };

            Print(importTime, evaluations, engineRun, endpoint, floor, floorWithMarket, parts, rowsPerCompany, bytes);
            return 0;
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.StopAsync(CancellationToken.None);
            }
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"Could not remove {root}: {e.Message}");
            }
        }
    }

    /// <summary>EvaluateAsync for each company once, on a service whose store holds the market series but no company's facts.</summary>
    private static async Task<Measurement> ColdEvaluationsAsync(IServiceProvider services, CancellationToken ct)
    {
        using var store = new FactStore(services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>(), services.GetRequiredService<FactChanges>(),
            services.GetRequiredService<IOptions<FactStoreOptions>>());
        var service = new SignpostService(store, TimeProvider.System, services.GetRequiredService<SignpostEngine>(),
            services.GetRequiredService<EvaluationFailures>());
        await service.GetMarketFactsAsync(ct);
        return await Measurement.RunAsync("  service: EvaluateAsync, facts not cached", 0, SyntheticUniverse.Companies,
            async i => await service.EvaluateAsync(TickerFor(i), SyntheticUniverse.AsOf, ct));
    }

    /// <summary>Spreads requests over every company rather than hitting one.</summary>
    private static string TickerFor(int i) => SyntheticUniverse.Tickers[i * 37 % SyntheticUniverse.Tickers.Count];

    private static string AppConnectionString(IDbContextFactory<MinerPivotDbContext> dbFactory)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Database.GetConnectionString() ?? throw new InvalidOperationException("The app's DbContext has no connection string.");
    }

    private static async Task<string> CreateDatabaseAsync(EmbeddedPostgres postgres, CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE bench", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return postgres.ConnectionStringFor("bench");
    }

    private static async Task<TimeSpan> ImportAsync(IDbContextFactory<MinerPivotDbContext> dbFactory, IReadOnlyList<string> paths, CancellationToken ct)
    {
        var files = paths.Select(p => new ImportFile(Path.GetFileName(p), File.OpenRead(p))).ToList();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var start = Stopwatch.GetTimestamp();
            var result = await new CsvImporter(db).ImportAsync(files, "bench", ct);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The synthetic universe was refused ({result.ErrorCount} errors): " +
                    string.Join("; ", result.Errors.Take(10)));
            }
            Console.WriteLine("      " + string.Join(", ", result.Files.Select(f => $"{f.File} {f.Inserted:N0}")));
            return elapsed;
        }
        finally
        {
            foreach (var file in files)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    private static async Task<string> SignInAsync(HttpClient http, CancellationToken ct)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = BenchHost.AdminEmail, password = BenchHost.AdminPassword }, ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
        return token?.AccessToken ?? throw new InvalidOperationException("The sign-in gave no access token.");
    }

    private sealed record TokenResponse(string AccessToken);

    private static void Step(string text) => Console.WriteLine($"... {text}");

    private static void Print(TimeSpan importTime, IReadOnlyList<CompanyEvaluation> evaluations, Measurement engine, Measurement endpoint,
        Measurement floor, Measurement floorWithMarket, IReadOnlyList<Measurement> parts, int rowsPerCompany, long responseBytes)
    {
        var verdicts = evaluations.GroupBy(e => e.Verdict.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine();
        Console.WriteLine($"MinerPivot benchmark: signposts, as of {SyntheticUniverse.AsOf:yyyy-MM-dd}");
        Console.WriteLine($"  universe: {SyntheticUniverse.Companies} companies × {SyntheticUniverse.QuartersPerCompany} quarters, " +
            $"{SyntheticUniverse.Companies * SyntheticUniverse.TranchesPerCompany:N0} tranches, " +
            $"{SyntheticUniverse.Companies * SyntheticUniverse.TranchesPerCompany * SyntheticUniverse.RevisionsPerTranche:N0} RFS revisions, " +
            $"{SyntheticUniverse.BtcDays:N0} BTC closes; imported in {importTime.TotalSeconds:0.0} s");
        Console.WriteLine($"  verdicts: {string.Join(", ", verdicts)}; {rowsPerCompany} rows per company; response {responseBytes:N0} bytes");
        Console.WriteLine($"  machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end, .NET {Environment.Version}{BuildNote}");
        Console.WriteLine();
        Console.WriteLine($"  {"measure",-48} {"n",5} {"mean ms",9} {"p95 ms",9} {"median",9}  {"target",-14} result");
        Console.WriteLine($"  {new string('-', 48)} {new string('-', 5)} {new string('-', 9)} {new string('-', 9)} {new string('-', 9)}  {new string('-', 14)} {new string('-', 13)}");
        Row(engine, $"mean < {EngineTargetMs:0} ms", engine.Mean < EngineTargetMs);
        Row(endpoint, "", null);
        Row(floor, "", null);
        Row(floorWithMarket, "(context)", null);
        var ratio = endpoint.Mean / floor.Mean;
        var p95Ratio = endpoint.P95 / floor.P95;
        var medianRatio = endpoint.Median / floor.Median;
        Console.WriteLine($"  {"endpoint / SQL floor",-48} {"",5} {ratio,8:0.00}× {p95Ratio,8:0.00}× {medianRatio,8:0.00}×  {$"median ≤ {RatioTarget:0.0}×",-14} {Verdict(medianRatio <= RatioTarget)}");
        Console.WriteLine();
        Console.WriteLine("  where a request's time goes (context, no targets):");
        foreach (var part in parts)
        {
            Row(part, "", null);
        }
        Console.WriteLine();
    }

    private static void Row(Measurement m, string target, bool? met) =>
        Console.WriteLine($"  {m.Name,-48} {m.Count,5} {m.Mean,9:0.000} {m.P95,9:0.000} {m.Median,9:0.000}  {target,-14} {(met is { } b ? Verdict(b) : "")}");

    private static string Verdict(bool met) => met ? "target met" : "target missed";

#if DEBUG
    private const string BuildNote = "; DEBUG build: run with -c Release for figures that mean something";
#else
    private const string BuildNote = "";
#endif
}
