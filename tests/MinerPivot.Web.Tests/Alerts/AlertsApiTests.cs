using System.Net;
using System.Text.Json;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Tests.Api;
using static MinerPivot.Web.Tests.Alerts.AlertTestData;

namespace MinerPivot.Web.Tests.Alerts;

public class AlertsApiTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    [Fact]
    public async Task Open_alerts_come_by_severity_then_revenue_at_risk_and_the_status_filter_is_checked()
    {
        var (small, large, critical) = (NewTicker("SML"), NewTicker("LRG"), NewTicker("CRT"));
        foreach (var t in new[] { small, large, critical }) await AddCompanyAsync(app.Services, t);
        await AddRevisionAsync(app.Services, small, new(2026, 5, 20), new(2026, 11, 5), "s");     // +36 major
        await AddRevisionAsync(app.Services, large, new(2026, 5, 20), new(2026, 12, 20), "l");    // +81 major, more at risk
        await AddRevisionAsync(app.Services, critical, new(2026, 5, 20), new(2027, 1, 20), "c");  // +112 critical
        await EvaluateAsync(app.Services);

        var pm = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Pm));
        var open = (await pm.OkJsonAsync("/api/v1/alerts?status=open")).EnumerateArray().ToList();
        Assert.All(open, a => Assert.Equal("open", a.Str("status")));
        var tranches = open.Where(a => a.Str("signpost") == "rfs_slippage").Select(a => a.Str("ticker")).ToList();
        Assert.Equal([critical, large, small], tranches);
        var first = open.First(a => a.Str("ticker") == critical && a.Str("signpost") == "rfs_slippage");
        Assert.Equal("critical", first.Str("severity"));
        Assert.Equal($"{critical}|rfs_slippage|T1", first.Str("conditionKey"));
        Assert.Equal(15_342_465.75m, first.Dec("revenueAtRiskUsd")); // 50 × 1M × 112 / 365
        Assert.Equal("opened", first.GetProperty("events")[0].Str("kind"));

        Assert.Empty((await pm.OkJsonAsync("/api/v1/alerts?status=resolved")).EnumerateArray());
        Assert.Equal(open.Count, (await pm.OkJsonAsync("/api/v1/alerts")).GetArrayLength());

        var bad = await pm.GetAsync("/api/v1/alerts?status=closed");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'status' must be open, acknowledged or resolved; 'closed' is not", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Acknowledging_needs_a_pm_and_an_existing_alert()
    {
        var pm = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Pm));
        var missing = await pm.PostAsync("/api/v1/alerts/999999/ack", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("There is no alert 999999.", problem.Str("detail"));

        var analyst = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Analyst));
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/v1/alerts/999999/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/alerts")).StatusCode);
        var anonymous = await app.CookieClientAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/alerts/999999/ack", null)).StatusCode);

        var ticker = NewTicker("LNG");
        await AddCompanyAsync(app.Services, ticker);
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 20), new(2026, 11, 15), "r");
        await EvaluateAsync(app.Services);
        var alert = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        var tooLong = await pm.PostAsync($"/api/v1/alerts/{alert.Id}/ack",
            new StringContent(JsonSerializer.Serialize(new { comment = new string('x', 1001) }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("1001 characters long; at most 1000", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await pm.PostAsync($"/api/v1/alerts/{alert.Id}/ack", null)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_alert_routes()
    {
        var pm = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Pm));
        var doc = await pm.OkJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.Equal("ListAlerts", paths.GetProperty("/api/v1/alerts").GetProperty("get").Str("operationId"));
        var ack = paths.GetProperty("/api/v1/alerts/{id}/ack").GetProperty("post");
        Assert.Equal("AcknowledgeAlert", ack.Str("operationId"));
        Assert.True(ack.GetProperty("responses").TryGetProperty("409", out _));
    }
}
