using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MinerPivot.TestSupport;
using Npgsql;
using static MinerPivot.Web.Tests.Faults.FaultSupport;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>
/// The published app on an external server (a connection string, no embedded cluster) whose network is cut under it
/// and restored: a TCP proxy between the app and the test server closes every connection and refuses new ones.
/// </summary>
public sealed class ExternalDatabaseOutageTests
{
    [Fact]
    public async Task While_the_external_server_is_cut_off_the_api_answers_503_and_after_it_everything_resumes()
    {
        var direct = await TestPostgres.CreateEmptyDatabaseAsync("ext");
        var server = new NpgsqlConnectionStringBuilder(direct);
        await using var proxy = new TcpProxy(server.Host!, server.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var app = await AppProcess.StartAsync(new AppProcessOptions { ConnectionString = viaProxy });
        Assert.Null(app.EmbeddedPostgresPid());
        using var http = await BearerClientAsync(app);
        using var probe = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        // Committed before the cut: an acknowledgement.
        var open = await PollAsync(async () => await http.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=open"),
            alerts => alerts.GetArrayLength() >= 2, TimeSpan.FromSeconds(30), "the demo data's open alerts");
        var acked = open[0].GetProperty("id").GetInt64();
        var later = open[1].GetProperty("id").GetInt64();
        (await http.PostAsJsonAsync($"/api/v1/alerts/{acked}/ack", new { comment = "before the cut" })).EnsureSuccessStatusCode();

        proxy.Cut();

        using var down = await PollAsync(() => GetAsync(http, "/api/v1/companies"), r => r.StatusCode != HttpStatusCode.OK, TimeSpan.FromSeconds(10),
            "the API notices the database is gone");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), down.Headers.RetryAfter?.Delta);
        var problem = await down.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("temporarily unavailable", problem.GetProperty("title").GetString());
        var save = await http.PostAsJsonAsync($"/api/v1/alerts/{later}/ack", new { comment = "during the cut" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, save.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(probe, "/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(probe, "/health/live")).StatusCode);

        proxy.Restore();

        await PollAsync(() => GetAsync(probe, "/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready again");
        var companies = await PollAsync(() => GetAsync(http, "/api/v1/companies"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the API answers again");
        Assert.Equal(12, (await companies.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        var acknowledged = await http.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=acknowledged");
        Assert.Contains(acknowledged.EnumerateArray(), a => a.GetProperty("id").GetInt64() == acked);
        Assert.DoesNotContain(acknowledged.EnumerateArray(), a => a.GetProperty("id").GetInt64() == later);

        // The first save after recovery works: no stale pooled connection is handed to it.
        save = await http.PostAsJsonAsync($"/api/v1/alerts/{later}/ack", new { comment = "after the cut" });
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);

        // The alert listener reconnected: a revision written with plain SQL (straight to the server) opens its alert.
        await PollAsync(() => Task.FromResult(app.Output), output => output.Contains("Listening for data changes again", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the listener's reconnection");
        var conditionKey = await InsertSlippingRevisionAsync(direct);
        await PollAsync(async () => await http.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=open"),
            alerts => alerts.EnumerateArray().Any(a => a.GetProperty("conditionKey").GetString() == conditionKey),
            TimeSpan.FromSeconds(30), $"an open alert for {conditionKey}");

        Assert.True(await app.StopAsync() < TimeSpan.FromSeconds(30));
        Assert.Equal(0, app.ExitCode);
    }
}
