using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MinerPivot.TestSupport;
using Npgsql;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>What the fault tests do to an <see cref="AppProcess"/> on its embedded database: sign in, reach the cluster, kill it.</summary>
internal static class FaultSupport
{
    public static async Task<HttpClient> BearerClientAsync(AppProcess app)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = app.AdminEmail, password = app.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The embedded cluster's own connection string, from its folder: as an operator with psql would reach it.</summary>
    public static string ConnectionString(AppProcess app)
    {
        var pgdata = Path.Combine(app.DataDir, "pgdata");
        var port = int.Parse(File.ReadLines(Path.Combine(pgdata, "postmaster.pid")).ElementAt(3).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "minerpivot",
            Password = File.ReadAllText(Path.Combine(app.DataDir, "superuser.pw")).Trim(),
            Database = "minerpivot",
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>
    /// Writes, with plain SQL as an operator would, an RFS revision that slips a tranche without an open alert by 400
    /// days; returns the alert condition key it should open.
    /// </summary>
    public static async Task<string> InsertSlippingRevisionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            WITH pick AS (
                SELECT t.id, c.ticker || '|rfs_slippage|' || t.code AS key,
                       (SELECT max(r.rfs_date) FROM rfs_revisions r WHERE r.tranche_id = t.id) AS rfs
                FROM tranches t JOIN companies c ON c.id = t.company_id
                WHERE t.status IN ('Planned', 'UnderConstruction')
                  AND EXISTS (SELECT 1 FROM rfs_revisions r WHERE r.tranche_id = t.id)
                  AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.condition_key = c.ticker || '|rfs_slippage|' || t.code AND a.status <> 'resolved')
                ORDER BY c.ticker, t.code LIMIT 1)
            INSERT INTO rfs_revisions (tranche_id, announced_on, rfs_date, source)
            SELECT id, current_date, rfs + 400, 'fault test revision' FROM pick
            RETURNING (SELECT key FROM pick)
            """, connection);
        return (string)(await insert.ExecuteScalarAsync())!;
    }

    /// <summary>SIGKILL to the postmaster, as the OOM killer or a crash would end it.</summary>
    public static int KillPostgres(AppProcess app)
    {
        var pid = app.EmbeddedPostgresPid() ?? throw new InvalidOperationException("No embedded PostgreSQL is running.");
        using var process = Process.GetProcessById(pid);
        process.Kill();
        return pid;
    }

    /// <summary>Asks until <paramref name="done"/> holds; returns the last answer. Fails with what it saw at the deadline.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var answer = await ask();
            if (done(answer)) return answer;
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {what}; last: {answer}");
            }
            await Task.Delay(100);
        }
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetAsync(path);
        }
        catch (TaskCanceledException)
        {
            return new HttpResponseMessage(System.Net.HttpStatusCode.GatewayTimeout);
        }
    }
}
