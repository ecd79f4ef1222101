using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Domain;
using MinerPivot.TestSupport;
using MinerPivot.Web.Tests.Alerts;
using Npgsql;
using static MinerPivot.Web.Tests.Alerts.AlertTestData;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>
/// A webhook receiver on 127.0.0.1 that records every POST with its Idempotency-Key as it arrives. It answers 200 after
/// <see cref="AnswerDelay"/> (a receiver that takes a moment, so senders overlap); a request number passed to
/// <see cref="HangOn"/> gets no answer until <see cref="Release"/>.
/// </summary>
public sealed class HookListener : IAsyncDisposable
{
    public sealed record Delivery(int Number, string? Key, long AlertId, string Body);

    private sealed record Hang(TaskCompletionSource<Delivery> Arrived, TaskCompletionSource Released);

    private WebApplication? _app;
    private int _count;
    private readonly ConcurrentDictionary<int, Hang> _hangs = new();

    public ConcurrentQueue<Delivery> Received { get; } = new();
    public TimeSpan AnswerDelay { get; init; }
    public string Url { get; private set; } = "";
    public int Count => Volatile.Read(ref _count);

    /// <summary>Request number <paramref name="number"/> (from 1) will hang; the task completes when it arrives.</summary>
    public Task<Delivery> HangOn(int number)
    {
        var hang = new Hang(new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));
        _hangs[number] = hang;
        return hang.Arrived.Task;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var alertId = JsonDocument.Parse(body).RootElement.GetProperty("alert").GetProperty("id").GetInt64();
            var delivery = new Delivery(Interlocked.Increment(ref _count), context.Request.Headers["Idempotency-Key"].FirstOrDefault(), alertId, body);
            Received.Enqueue(delivery);
            try
            {
                if (_hangs.TryGetValue(delivery.Number, out var hang))
                {
                    hang.Arrived.TrySetResult(delivery);
                    await hang.Released.Task.WaitAsync(context.RequestAborted);
                }
                else if (AnswerDelay > TimeSpan.Zero)
                {
                    await Task.Delay(AnswerDelay, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The sender is gone (killed); nobody reads the answer.
            }
            return Results.Ok();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.TrimEnd('/') + "/hook";
    }

    public void Release()
    {
        foreach (var hang in _hangs.Values) hang.Released.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>
/// Webhook deliveries are claimed one at a time and recorded as they happen: instances sharing a database post each
/// alert once, a crash re-sends at most the one delivery in flight (with the same Idempotency-Key), and data that
/// looks like Slack markup arrives as text.
/// </summary>
public class WebhookDeliveryTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task Two_app_instances_on_one_database_post_each_alert_exactly_once()
    {
        await using var listener = new HookListener { AnswerDelay = TimeSpan.FromMilliseconds(100) };
        await listener.StartAsync();
        var connectionString = await TestPostgres.CreateEmptyDatabaseAsync("hook2");
        var settings = new Dictionary<string, string?>
        {
            ["Alerts__WebhookUrl"] = listener.Url,
            ["Alerts__PollInterval"] = "00:00:00.200",
        };
        // One after the other: the first migrates the empty database.
        await using var first = await AppProcess.StartAsync(new() { ConnectionString = connectionString, SeedDemoData = false, Environment = settings });
        await using var second = await AppProcess.StartAsync(new() { ConnectionString = connectionString, SeedDemoData = false, Environment = settings });

        // Both instances hear the changes; an evaluation opens a critical alert per pushed-out tranche.
        await AddCompaniesAsync(connectionString, "TWO", 12);
        await PushOutEveryTrancheAsync(connectionString);
        var ids = await WaitUntilAllSentAsync(connectionString, minimum: 12);

        // Each alert has one delivery here; each arrived once, under its delivery's id.
        var perAlert = listener.Received.GroupBy(d => d.AlertId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(perAlert, p => Assert.True(p.Value == 1, $"Alert {p.Key} was posted {p.Value} times"));
        Assert.Equal(ids.Count, perAlert.Count);
        Assert.Equal(ids.Select(id => id.ToString()).Order(), listener.Received.Select(d => d.Key).Order());
        // Both instances took part, else the test proves nothing.
        Assert.Contains("sent (attempt", first.Output);
        Assert.Contains("sent (attempt", second.Output);
    }

    [Fact]
    public async Task A_kill_mid_batch_resends_at_most_the_delivery_in_flight()
    {
        await using var listener = new HookListener();
        await listener.StartAsync();
        var third = listener.HangOn(3);
        var connectionString = await TestPostgres.CreateEmptyDatabaseAsync("hookkill");
        var options = new AppProcessOptions
        {
            ConnectionString = connectionString,
            SeedDemoData = false,
            Environment = new Dictionary<string, string?>
            {
                ["Alerts__WebhookUrl"] = listener.Url,
                ["Alerts__WebhookTimeout"] = "00:00:03",
                ["Alerts__ClaimLease"] = "00:00:04",
                ["Alerts__PollInterval"] = "00:00:01",
            },
        };
        var app1 = await AppProcess.StartAsync(options);
        try
        {
            await AddCompaniesAsync(connectionString, "KILL", 6);
            await PushOutEveryTrancheAsync(connectionString);
            var hanging = await third.WaitAsync(TimeSpan.FromSeconds(60));
            await app1.KillAsync();
            Assert.Equal(3, listener.Received.Count);

            // The restarted app waits long for an answer, so only the stopping token can end the hanging post below.
            await using var app2 = await AppProcess.StartAsync(options with
            {
                Environment = new Dictionary<string, string?>(options.Environment)
                {
                    ["Alerts__WebhookTimeout"] = "00:00:30",
                    ["Alerts__ClaimLease"] = "00:00:40",
                },
            });
            listener.Release();
            var ids = await WaitUntilAllSentAsync(connectionString, minimum: 6);

            // The one in flight at the kill may arrive twice, with the same key; every other alert arrives once.
            var perAlert = listener.Received.GroupBy(d => d.AlertId).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(perAlert.Where(p => p.Key != hanging.AlertId), p => Assert.True(p.Value == 1, $"Alert {p.Key} was posted {p.Value} times"));
            Assert.InRange(perAlert[hanging.AlertId], 1, 2);
            Assert.Equal(ids.Count, perAlert.Count);
            Assert.Equal(ids.Select(id => id.ToString()).Order(), listener.Received.Select(d => d.Key).Distinct().Order());
            Assert.All(listener.Received.Where(d => d.AlertId == hanging.AlertId), d => Assert.Equal(hanging.Key, d.Key));

            // A post that hangs does not hold up a shutdown: SIGTERM ends the app within 5 s.
            var next = listener.HangOn(listener.Count + 1);
            await AddCompaniesAsync(connectionString, "TERM", 1);
            await PushOutEveryTrancheAsync(connectionString);
            await next.WaitAsync(TimeSpan.FromSeconds(60));
            var stopped = await app2.StopAsync(TimeSpan.FromSeconds(30));
            Assert.True(stopped < TimeSpan.FromSeconds(5), $"Stopped after {stopped.TotalSeconds:0.0} s");
        }
        finally
        {
            await app1.DisposeAsync();
        }
    }

    [Fact]
    public async Task Slack_markup_in_the_data_arrives_as_text()
    {
        var ticker = NewTicker("ESC");
        await AddCompanyAsync(app.Services, ticker);
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 20), new(2027, 1, 31), "call", "<!channel> see <http://x|y> & co");
        await EvaluateAsync(app.Services);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? text = null;
        while (text is null)
        {
            var request = app.Receiver.Requests.FirstOrDefault(r => r.Body.Contains(RfsKey(ticker)));
            if (request.Body is not null)
            {
                text = JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString();
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No webhook request for " + ticker);
            }
            else
            {
                await Task.Delay(100);
            }
        }
        Assert.Contains("(&lt;!channel&gt; see &lt;http://x|y&gt; &amp; co)", text);
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain(">", text);
        Assert.DoesNotContain("& ", text);
    }

    /// <summary>
    /// Companies with one on-track tranche each (50 MW, baseline RFS in 200 days, announced 100 days ago) and the
    /// contract it serves.
    /// </summary>
    private static async Task AddCompaniesAsync(string connectionString, string prefix, int count)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var db = TestPostgres.CreateContext(connectionString);
        for (var i = 1; i <= count; i++)
        {
            var company = new Company { Ticker = $"{prefix}{i}", Name = $"{prefix} {i} Mining Inc." };
            var site = new Site { Company = company, Name = "North campus", Location = "Texas", GrossMw = 120m, CriticalItMw = 100m, Source = "test site" };
            var contract = new Contract
            {
                Company = company, Code = "K1", Customer = "Hyperscaler A", ContractedMw = 100m, AnnualizedRevenueUsd = 100_000_000m,
                SignedOn = today.AddDays(-150), Source = "test contract",
                Events = [new() { Kind = ContractEventKind.Signed, EventOn = today.AddDays(-150), MwChange = 100m, Source = "test contract signed" }],
            };
            company.Sites.Add(site);
            company.Contracts.Add(contract);
            company.Tranches.Add(new Tranche
            {
                Company = company, Site = site, Contract = contract, Code = "T1", Customer = "Hyperscaler A", CriticalItMw = 50m,
                Status = TrancheStatus.UnderConstruction, Source = "test tranche",
                Revisions = [new() { AnnouncedOn = today.AddDays(-100), RfsDate = today.AddDays(200), Source = "baseline deck" }],
            });
            db.Companies.Add(company);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A revision announced today moves every undelivered tranche's RFS two years out: each becomes critical.</summary>
    private static async Task PushOutEveryTrancheAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO rfs_revisions (tranche_id, announced_on, rfs_date, source)
            SELECT id, CURRENT_DATE, CURRENT_DATE + 900, 'fault test: pushed out' FROM tranches WHERE status <> 'Delivered'
            ON CONFLICT DO NOTHING
            """, connection);
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }

    /// <summary>Waits until at least <paramref name="minimum"/> deliveries exist and none is pending; returns their ids.</summary>
    private static async Task<List<long>> WaitUntilAllSentAsync(string connectionString, int minimum)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = TestPostgres.CreateContext(connectionString);
            var rows = await db.AlertNotifications.AsNoTracking().Select(n => new { n.Id, n.Status }).ToListAsync();
            if (rows.Count >= minimum && rows.All(r => r.Status == NotificationStatus.Sent)) return rows.Select(r => r.Id).ToList();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Deliveries: {string.Join(", ", rows.Select(r => $"{r.Id} {r.Status}"))}");
            }
            await Task.Delay(200);
        }
    }
}
