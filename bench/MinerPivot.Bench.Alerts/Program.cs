// Re-evaluating alerts for a 200-company synthetic universe after one RFS revision: median and p95 over 20 runs.
// Usage: dotnet run -c Release --project bench/MinerPivot.Bench.Alerts [-- --companies 200 --runs 20]
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MinerPivot.Bench.Alerts;
using MinerPivot.Data;
using MinerPivot.Data.Embedded;
using MinerPivot.Web.Features.Alerts;
using MinerPivot.Web.Features.Signposts;

var companies = ArgValue(args, "--companies", 200);
var runs = ArgValue(args, "--runs", 20);
const double TargetMs = 200;

var root = Path.Combine(Path.GetTempPath(), $"minerpivot-bench-alerts-{Environment.ProcessId}");
Console.WriteLine($"Starting embedded PostgreSQL in {root} …");
await using var postgres = await EmbeddedPostgres.StartAsync(root);
try
{
    var connectionString = postgres.ConnectionStringFor("postgres");
    var services = new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
        .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
        .AddSingleton<TimeProvider>(new FakeTimeProvider(Universe.Today))
        .AddDbContextFactory<MinerPivotDbContext>(o => o.UseMinerPivotPostgres(connectionString));
    services.AddSignposts();
    services.AddOptions<AlertsOptions>();
    services.AddSingleton<AlertSignals>();
    services.AddSingleton<AlertEvaluator>();
    await using var provider = services.BuildServiceProvider();
    var dbFactory = provider.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>();

    await using (var db = await dbFactory.CreateDbContextAsync())
    {
        await db.ApplyMigrationsAsync();
    }
    var load = Stopwatch.StartNew();
    var counts = await Universe.WriteAsync(dbFactory, companies);
    Console.WriteLine($"Universe written in {load.Elapsed.TotalSeconds:0.0} s: {counts}");

    var evaluator = provider.GetRequiredService<AlertEvaluator>();
    var first = await evaluator.EvaluateAsync("bench: first");
    Console.WriteLine($"First evaluation (every condition new): {first.Elapsed.TotalMilliseconds:0} ms, {first.Conditions} conditions, {first.Opened} alerts opened");
    var idle = await evaluator.EvaluateAsync("bench: unchanged");
    Console.WriteLine($"Unchanged data: {idle.Elapsed.TotalMilliseconds:0} ms, {idle.Opened + idle.Escalated + idle.Changed + idle.Resolved} alert changes (expected 0)");

    // Warm-up revisions (JIT, plans), then the measured ones: each after one new RFS revision.
    for (var i = 0; i < 3; i++)
    {
        await Universe.AddRevisionAsync(dbFactory, i);
        await evaluator.EvaluateAsync("bench: warm-up");
    }
    var times = new List<double>();
    var changes = 0;
    for (var i = 0; i < runs; i++)
    {
        await Universe.AddRevisionAsync(dbFactory, 100 + i);
        var watch = Stopwatch.StartNew();
        var result = await evaluator.EvaluateAsync("bench");
        times.Add(watch.Elapsed.TotalMilliseconds);
        Console.WriteLine($"  run {i + 1,2}: {watch.Elapsed.TotalMilliseconds,6:0.0} ms (load {result.Phases.Load.TotalMilliseconds:0}, evaluate {result.Phases.Evaluate.TotalMilliseconds:0}, compare and write {result.Phases.Write.TotalMilliseconds:0})");
        changes += result.Opened + result.Escalated + result.Changed + result.Resolved;
    }
    times.Sort();
    var median = Percentile(times, 0.5);
    var p95 = Percentile(times, 0.95);
    Console.WriteLine();
    Console.WriteLine($"Re-evaluation after one RFS revision, {companies} companies, {runs} runs: " +
        $"median {median:0.0} ms, p95 {p95:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms ({changes} alert changes)");
    Console.WriteLine(p95 < TargetMs
        ? $"Target met: p95 {p95:0.0} ms < {TargetMs} ms"
        : $"Target MISSED: p95 {p95:0.0} ms ≥ {TargetMs} ms (median {median:0.0} ms)");
    return p95 < TargetMs ? 0 : 1;
}
finally
{
    await postgres.StopAsync();
    try { Directory.Delete(root, recursive: true); } catch (IOException) { }
}

static double Percentile(List<double> sorted, double p)
{
    var rank = p * (sorted.Count - 1);
    var lo = (int)Math.Floor(rank);
    var hi = (int)Math.Ceiling(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

static int ArgValue(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
