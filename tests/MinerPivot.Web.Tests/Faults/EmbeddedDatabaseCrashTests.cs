using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MinerPivot.TestSupport;
using Npgsql;
using static MinerPivot.Web.Tests.Faults.FaultSupport;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>The app on its embedded default while its PostgreSQL is killed (SIGKILL) under it.</summary>
public sealed class EmbeddedDatabaseCrashTests
{
    [Fact]
    public async Task A_killed_embedded_server_is_restarted_the_api_answers_503_meanwhile_and_nothing_committed_is_lost()
    {
        // A slower check than the default gives the test a window in which the server is surely down.
        await using var app = await AppProcess.StartAsync(new AppProcessOptions
        {
            Arguments = ["--MinerPivot:Database:SuperviseInterval=00:00:04"],
        });
        using var http = await BearerClientAsync(app);

        // Committed before the crash: an acknowledgement.
        // The start-up evaluation runs beside the first requests.
        var open = await PollAsync(async () => await http.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=open"),
            alerts => alerts.GetArrayLength() >= 2, TimeSpan.FromSeconds(30), "the demo data's open alerts");
        var acked = open[0].GetProperty("id").GetInt64();
        var later = open[1].GetProperty("id").GetInt64();
        (await http.PostAsJsonAsync($"/api/v1/alerts/{acked}/ack", new { comment = "before the crash" })).EnsureSuccessStatusCode();

        var killedPid = KillPostgres(app);
        var clock = Stopwatch.StartNew();

        using var down = await PollAsync(() => GetAsync(http, "/api/v1/companies"), r => r.StatusCode != HttpStatusCode.OK, TimeSpan.FromSeconds(10),
            "the API notices the database is gone");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), down.Headers.RetryAfter?.Delta);
        var problem = await down.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("temporarily unavailable", problem.GetProperty("title").GetString());

        // An orchestrator's probe sends no credentials (a bearer token is checked against the database on each request).
        using var probe = new HttpClient { BaseAddress = app.BaseAddress };
        var live = await GetAsync(probe, "/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        // Back by itself, without an app restart: a new postmaster, the same port, ready within 30 s of the kill.
        await PollAsync(() => GetAsync(probe, "/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready again");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"ready again after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.False(app.HasExited);
        Assert.NotEqual(killedPid, app.EmbeddedPostgresPid());
        Assert.Contains("is not running; restarting it", app.Output);
        // The supervisor logs the recovery after it has cleared the pools, which may be a moment after readiness.
        await PollAsync(() => Task.FromResult(app.Output), output => output.Contains("Embedded PostgreSQL is running again", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the recovery log line");

        var companies = await PollAsync(() => GetAsync(http, "/api/v1/companies"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(5), "the API answers again");
        Assert.Equal(12, (await companies.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        var acknowledged = await http.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=acknowledged");
        Assert.Contains(acknowledged.EnumerateArray(), a => a.GetProperty("id").GetInt64() == acked);

        // A save after recovery works.
        var save = await http.PostAsJsonAsync($"/api/v1/alerts/{later}/ack", new { comment = "after the crash" });
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);

        // The alert listener is back: a revision written with plain SQL opens its alert.
        var conditionKey = await InsertSlippingRevisionAsync(ConnectionString(app));
        await PollAsync(async () => await http.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=open"),
            alerts => alerts.EnumerateArray().Any(a => a.GetProperty("conditionKey").GetString() == conditionKey),
            TimeSpan.FromSeconds(30), $"an open alert for {conditionKey}");

        Assert.True(await app.StopAsync() < TimeSpan.FromSeconds(30));
        Assert.Equal(0, app.ExitCode);
    }
}
