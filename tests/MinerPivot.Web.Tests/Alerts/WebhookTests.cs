using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Alerts;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static MinerPivot.Web.Tests.Alerts.AlertTestData;

namespace MinerPivot.Web.Tests.Alerts;

/// <summary>A webhook receiver on 127.0.0.1 that answers 500 to the first <see cref="FailuresLeft"/> requests, then 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    public ConcurrentQueue<(DateTime At, string ContentType, string Body, int Answered)> Requests { get; } = new();
    public int FailuresLeft;
    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Decrement(ref FailuresLeft) >= 0 ? 500 : 200;
            Requests.Enqueue((DateTime.UtcNow, request.ContentType ?? "", body, status));
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.TrimEnd('/') + "/hook";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>The app with its webhook pointed at a local <see cref="WebhookReceiver"/>; retries after 5 s (of the test clock), at most 3 attempts.</summary>
public sealed class WebhookApp : MinerPivotApp
{
    public WebhookReceiver Receiver { get; } = new();

    public override async Task InitializeAsync()
    {
        await Receiver.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:WebhookUrl"] = Receiver.Url,
            ["Alerts:RetryBaseDelay"] = "00:00:05",
            ["Alerts:RetryMaxDelay"] = "00:00:20",
            ["Alerts:MaxAttempts"] = "3",
            ["Alerts:WebhookTimeout"] = "00:00:05",
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public class WebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_major_alert_is_posted_retried_after_a_failure_and_marked_sent_when_the_endpoint_recovers()
    {
        app.Receiver.FailuresLeft = 1;
        var ticker = NewTicker("HOOK");
        await AddCompanyAsync(app.Services, ticker);
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 20), new(2026, 12, 1), "Q1 call 2026-05-20"); // +62: major
        var result = await EvaluateAsync(app.Services);
        Assert.True(result.Notifications >= 1);
        var alert = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));

        // The first attempt fails (HTTP 500): the row waits 5 s on the clock for its retry.
        var failed = await WaitForAsync(alert.Id, n => n.Attempts == 1);
        Assert.Equal(NotificationStatus.Pending, failed.Status);
        Assert.Equal("HTTP 500 Internal Server Error", failed.LastError);
        Assert.Equal(failed.LastAttemptAt!.Value.AddSeconds(5), failed.NextAttemptAt);
        Assert.Null(failed.SentAt);

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var sent = await WaitForAsync(alert.Id, n => n.Status == NotificationStatus.Sent);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Equal(app.Clock.GetUtcNow(), sent.SentAt);

        var requests = app.Receiver.Requests.Where(r => r.Body.Contains(RfsKey(ticker))).ToList();
        Assert.Equal([500, 200], requests.Select(r => r.Answered));
        Assert.All(requests, r => Assert.Equal("application/json", r.ContentType.Split(';')[0]));
        var body = JsonDocument.Parse(requests[1].Body).RootElement;
        Assert.StartsWith($"[MAJOR] {ticker} T1 (rfs_slippage) opened: none → major.", body.GetProperty("text").GetString());
        Assert.Contains("Revenue at risk $8.5M.", body.GetProperty("text").GetString()); // 50 × 1M × 62 / 365
        Assert.Equal(alert.Id, body.GetProperty("alert").GetProperty("id").GetInt64());
        Assert.Equal("major", body.GetProperty("alert").GetProperty("severity").GetString());

        // Admins see the delivery.
        var admin = await app.CookieClientAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        var page = await admin.GetStringAsync("/admin/notifications");
        Assert.Contains($"#{alert.Id} {ticker} T1", page);
        Assert.Contains(">sent<", page);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_marked_failed_after_the_last_attempt_and_minor_alerts_send_nothing()
    {
        app.Receiver.FailuresLeft = 100;
        var ticker = NewTicker("DEAD");
        await AddCompanyAsync(app.Services, ticker);
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 20), new(2027, 1, 31), "r"); // critical
        await EvaluateAsync(app.Services);
        var alert = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        await WaitForAsync(alert.Id, n => n.Attempts == 1);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForAsync(alert.Id, n => n.Attempts == 2);
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var failed = await WaitForAsync(alert.Id, n => n.Status == NotificationStatus.Failed);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal("HTTP 500 Internal Server Error", failed.LastError);
        app.Receiver.FailuresLeft = 0;

        // The contract's own alert is minor: no notification for it.
        var contract = Assert.Single(await AlertsForAsync(app.Services, $"{ticker}|contract_delivery|K1"));
        await using var db = await CreateDbAsync(app.Services);
        Assert.False(await db.AlertNotifications.AnyAsync(n => n.AlertId == contract.Id));
    }

    private async Task<AlertNotification> WaitForAsync(long alertId, Func<AlertNotification, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var db = await CreateDbAsync(app.Services))
            {
                var row = await db.AlertNotifications.AsNoTracking().SingleOrDefaultAsync(n => n.AlertId == alertId);
                if (row is not null && condition(row)) return row;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Notification for alert {alertId}: {JsonSerializer.Serialize(row)}");
            }
            await Task.Delay(100);
        }
    }
}
