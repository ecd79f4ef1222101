using System.Net;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Tests.Api;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>
/// A test run holds several app hosts in one process, started and stopped as test classes come and go. BootstrapBlazor
/// keeps one process-wide cache that points at the services of the host that created it last; once that host was
/// disposed, every page of the hosts still running failed with ObjectDisposedException and showed "Something went
/// wrong" (200, without its content): the cause of the as-of page test's failure in a full run.
/// </summary>
public sealed class HostsInOneProcessTests
{
    [Fact]
    public async Task Pages_still_render_after_another_host_in_the_process_was_disposed()
    {
        await using var running = new SampleDataApp();
        await running.InitializeAsync();
        var client = await running.CookieClientAsync(await running.CreateUserAsync(Roles.Analyst));
        await AssertCompanyPageAsync(client);

        var other = new MinerPivotApp();
        await other.InitializeAsync();
        var otherClient = await other.CookieClientAsync(await other.CreateUserAsync(Roles.Analyst));
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/companies/CORZ")).StatusCode);
        await other.DisposeAsync();

        await AssertCompanyPageAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/peers?tickers=CORZ&asOf=0001-01-01")).StatusCode);
    }

    private static async Task AssertCompanyPageAsync(HttpClient client)
    {
        var response = await client.GetAsync("/companies/CORZ?asOf=9999-12-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("class=\"alert alert-danger\"", html);
        Assert.Contains("is outside 1990-01-01 to 2100-12-31; showing today instead.", html);
        Assert.Contains("Core Scientific", html);
    }
}
