using System.Net;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Board;

/// <summary>The rule tooltips of the board, the company page and the peers page state the configured thresholds.</summary>
public class ConfiguredRuleTextTests(ConfiguredRuleTextTests.App app) : IClassFixture<ConfiguredRuleTextTests.App>
{
    /// <summary>The sample data with every threshold a tooltip names set off its default.</summary>
    public sealed class App : MinerPivotApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Signposts:MomentumYoYPct"] = "65",
            ["Signposts:MinorSlipMaxDays"] = "21",
            ["Signposts:MajorSlipMaxDays"] = "77",
            ["Signposts:MarginOkPct"] = "33",
            ["Signposts:CompanyCostMaxAgeDays"] = "123",
            ["Signposts:SpeedToCashMetMonths"] = "11",
            ["Signposts:SpeedToCashAtRiskMonths"] = "16",
            ["Signposts:DemandLookbackDays"] = "99",
        };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await SampleData.EnsureSeededAsync(Services);
        }
    }

    public static TheoryData<string, string[]> Pages => new()
    {
        { "/?asOf=2026-05-31", ["YoY ≥ +65%", "minor 1–21, major 22–77, critical > 77", "within 123 days", "Ok if ≥ 33%, at risk if 0–33%", "≤ 11 months, at risk if ≤ 16", "in the last 99 days"] },
        { "/companies/CORZ?asOf=2026-05-31", ["YoY ≥ +65%", "minor 1–21, major 22–77, critical > 77", "within 123 days", "Ok if ≥ 33%, at risk if 0–33%", "≤ 11 months, at risk if ≤ 16", "in the last 99 days"] },
        { "/peers?asOf=2026-05-31", ["minor 1–21, major 22–77, critical > 77", "within 123 days", "Ok if ≥ 33%, at risk if 0–33%"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Rule_tooltips_state_the_configured_thresholds(string url, string[] expected)
    {
        var client = await app.CookieClientAsync(await app.CreateUserAsync(Roles.Analyst));

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var text in expected) Assert.Contains(text, html);
        foreach (var old in new[] { "YoY ≥ +50%", "minor 1–30", "major 31–90", "within 200 days", "Ok if ≥ 25%", "≤ 14 months", "in the last 180 days" })
        {
            Assert.DoesNotContain(old, html);
        }
    }

    [Fact]
    public async Task The_company_page_names_signposts_by_title_in_the_verdict()
    {
        var client = await app.CookieClientAsync(await app.CreateUserAsync(Roles.Analyst));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/companies/CORZ?asOf=2026-05-31"));

        Assert.Contains("One execution failure: RFS slippage breached.", html);
        Assert.DoesNotContain("rfs_slippage breached", html);
    }
}
