using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MinerPivot.Data.Facts;
using MinerPivot.TestSupport;
using MinerPivot.Web.Tests.Api;
using MinerPivot.Web.Tests.Faults;
using MinerPivot.Web.Tests.Import;
using Npgsql;

namespace MinerPivot.Web.Tests.Facts;

/// <summary>
/// Two published app processes on one database, each caching facts: a save through one shows on the other's next
/// request once its listener has heard the NOTIFY (a few milliseconds), and an instance whose listener is cut reads
/// around its cache until it listens again.
/// </summary>
public class FactStoreInstancesTests
{
    private const string Signposts = "/api/v1/companies/CORZ/signposts?asOf=2026-05-31";
    private const string Password = "Two-Instances-123!";

    // The notification is delivered asynchronously; on an idle machine it arrives within milliseconds. The deadline
    // only keeps a loaded test machine from failing the test; the time taken is printed.
    private static readonly TimeSpan NotificationWindow = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_save_through_one_instance_shows_on_the_next_request_to_another()
    {
        var connectionString = await TestPostgres.CreateEmptyDatabaseAsync("facts2");
        // One after the other: the first migrates the empty database and seeds the demo data.
        await using var a = await AppProcess.StartAsync(new() { ConnectionString = connectionString, AdminPassword = Password });
        await using var b = await AppProcess.StartAsync(new() { ConnectionString = connectionString, AdminPassword = Password, SeedDemoData = false });
        using var clientA = await FaultSupport.BearerClientAsync(a);
        using var clientB = await FaultSupport.BearerClientAsync(b);

        // Both have CORZ's facts cached (read twice: the second read is served from memory).
        foreach (var client in new[] { clientA, clientB, clientA, clientB })
        {
            Assert.Equal(243m, await BillableMwAsync(client));
        }

        await ImportQ1BillableMwAsync(clientA, 251);

        // The instance that saved sees it on its next request, without waiting for the notification.
        Assert.Equal(251m, await BillableMwAsync(clientA));
        var watch = Stopwatch.StartNew();
        var requests = 0;
        await FaultSupport.PollAsync(() => { requests++; return BillableMwAsync(clientB); }, mw => mw == 251m, NotificationWindow,
            "instance B shows the billable MW saved through A");
        Console.WriteLine($"Instance B showed A's save on request {requests}, {watch.Elapsed.TotalMilliseconds:0} ms after A answered");

        // And the other way round.
        await ImportQ1BillableMwAsync(clientB, 257);
        Assert.Equal(257m, await BillableMwAsync(clientB));
        await FaultSupport.PollAsync(() => BillableMwAsync(clientA), mw => mw == 257m, NotificationWindow, "instance A shows the billable MW saved through B");
    }

    [Fact]
    public async Task An_instance_whose_listener_is_cut_reads_around_its_cache_until_it_listens_again()
    {
        var connectionString = await TestPostgres.CreateEmptyDatabaseAsync("factscut");
        // B waits long before reconnecting, so the change below happens while it hears nothing.
        var slowReconnect = new Dictionary<string, string?> { ["Facts__ReconnectDelay"] = "00:00:30" };
        await using var a = await AppProcess.StartAsync(new() { ConnectionString = connectionString, AdminPassword = Password });
        await using var b = await AppProcess.StartAsync(new()
        {
            ConnectionString = connectionString, AdminPassword = Password, SeedDemoData = false, Environment = slowReconnect,
        });
        using var clientA = await FaultSupport.BearerClientAsync(a);
        using var clientB = await FaultSupport.BearerClientAsync(b);
        Assert.Equal(243m, await BillableMwAsync(clientB));
        Assert.Equal(243m, await BillableMwAsync(clientB));

        // An operator (or a failover) ends B's listening connection.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name) t", connection);
            kill.Parameters.AddWithValue("name", $"{FactChangeListener.ApplicationName}-{b.ProcessId}");
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }
        await FaultSupport.PollAsync(() => Task.FromResult(b.Output), o => o.Contains("Lost the connection that listens for data changes", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "B notices that its listener is gone");

        // B cannot hear this change, so it must not answer from what it cached before.
        await ImportQ1BillableMwAsync(clientA, 251);
        Assert.Equal(251m, await BillableMwAsync(clientB));
        Assert.DoesNotContain("Listening for data changes again", b.Output, StringComparison.Ordinal);
    }

    private static async Task<decimal> BillableMwAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Signposts);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {Signposts} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("signposts").EnumerateArray()
            .Single(s => s.Str("key") == "billable_mw_target" && s.Str("subject") == "450 MW by 2026-09-22").Dec("value");
    }

    /// <summary>Imports quarterly.csv with CORZ's Q1 2026 billable MW set to <paramref name="mw"/> (243 in the demo data).</summary>
    private static async Task ImportQ1BillableMwAsync(HttpClient admin, int mw)
    {
        var lines = DemoFiles.Text("quarterly.csv").Split('\n');
        var row = lines.Single(l => l.StartsWith("CORZ,2026-03-31,", StringComparison.Ordinal));
        Assert.Contains(",350,243,4500,", row);
        var csv = lines[0] + "\n" + row.Replace(",350,243,4500,", $",350,{mw},4500,", StringComparison.Ordinal) + "\n";
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(part, "files", "quarterly.csv");
        using var response = await admin.PostAsync("/api/v1/import", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import → {(int)response.StatusCode}: {body}");
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("updated").GetInt32());
    }
}
