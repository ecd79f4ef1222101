using System.Net;
using System.Text.Json;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Api;

/// <summary>What an API user reads from /api/v1/companies… over HTTP, against <see cref="SampleData"/>; "today" is 2026-05-31.</summary>
public class CompanySignpostsApiTests(SampleDataApp app) : IClassFixture<SampleDataApp>
{
    private const string Corz = "/api/v1/companies/CORZ";

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Analyst, HttpStatusCode.OK)]
    [InlineData(Roles.Pm, HttpStatusCode.OK)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task Bearer_tokens_need_an_analyst_pm_or_admin_role(string? role, HttpStatusCode expected)
    {
        var client = role is null
            ? app.CreateClient()
            : await app.BearerClientAsync(await app.CreateUserAsync(role == "" ? null : role));

        var response = await client.GetAsync($"{Corz}/signposts");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Companies_are_listed_by_ticker_with_their_latest_quarter_and_todays_verdict()
    {
        var client = await app.AnalystAsync();

        var list = (await client.OkJsonAsync("/api/v1/companies")).EnumerateArray().ToList();

        Assert.Equal([SampleData.Ticker, SampleData.EmptyTicker], list.Select(c => c.Str("ticker")));
        var corz = list[0];
        Assert.Equal("Core Scientific, Inc.", corz.Str("name"));
        Assert.Equal("2026-03-31", corz.Str("latestPeriodEnd"));
        Assert.Equal("watch", corz.Str("verdict"));
        var hut = list[1];
        Assert.True(hut.IsNull("latestPeriodEnd"));
        Assert.Equal("insufficient_data", hut.Str("verdict"));
    }

    [Fact]
    public async Task The_company_list_as_of_a_date_ignores_quarters_reported_later()
    {
        var client = await app.AnalystAsync();

        var corz = (await client.OkJsonAsync("/api/v1/companies?asOf=2026-05-06")).EnumerateArray().First();

        Assert.Equal("2025-12-31", corz.Str("latestPeriodEnd"));
    }

    [Fact]
    public async Task Signposts_without_asOf_are_evaluated_today_with_the_worked_numbers()
    {
        var client = await app.AnalystAsync();

        var body = await client.OkJsonAsync($"{Corz}/signposts");

        Assert.Equal("CORZ", body.Str("ticker"));
        Assert.Equal("2026-05-31", body.Str("asOf"));
        Assert.Equal("watch", body.Str("verdict"));
        Assert.Contains("RFS slippage breached", body.Str("verdictExplanation"));

        var momentum = body.Signpost("colocation_momentum");
        Assert.Equal("validation", momentum.Str("kind"));
        Assert.Equal("met", momentum.Str("status"));
        Assert.Equal(801.16m, momentum.Dec("value"));
        Assert.Equal(50m, momentum.Dec("target"));
        Assert.Equal("percent", momentum.Str("unit"));
        var momentumDetails = momentum.GetProperty("details");
        Assert.Equal(801.2m, Math.Round(momentumDetails.Dec("yoyPct"), 1));
        Assert.Equal(19.23m, momentumDetails.Dec("qoqPct"));
        Assert.Equal("2026-03-31", momentumDetails.Str("latestPeriodEnd"));
        Assert.Equal("2025-03-31", momentumDetails.Str("yearAgoPeriodEnd"));
        Assert.Contains("$77.5M", momentum.Str("explanation"));
        Assert.Contains("Core Scientific Q1 2026 results (2026-05-07)", momentum.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));

        var target = body.Signpost("billable_mw_target");
        Assert.Equal("450 MW by 2026-09-22", target.Str("subject"));
        Assert.Equal("at_risk", target.Str("status"));
        Assert.Equal(243m, target.Dec("value"));
        Assert.Equal(450m, target.Dec("target"));
        Assert.Equal("MW", target.Str("unit"));
        var targetDetails = target.GetProperty("details");
        Assert.Equal(1.8158m, targetDetails.Dec("requiredMwPerDay")); // (450 − 243) / 114 days
        Assert.Equal(0.4778m, targetDetails.Dec("trailingMwPerDay")); // (243 − 200) / 90 days
        Assert.Equal("2026-09-22", targetDetails.Str("deadline"));

        var delivery = body.Signpost("contract_delivery");
        Assert.Equal("CW1", delivery.Str("subject"));
        Assert.Equal("at_risk", delivery.Str("status"));
        Assert.Equal(143m, delivery.Dec("value"));
        Assert.Equal(590m, delivery.Dec("target"));
        Assert.Equal(243m, delivery.GetProperty("details").Dec("scheduledMw"));

        var slippage = body.Signpost("rfs_slippage");
        Assert.Equal("risk", slippage.Str("kind"));
        Assert.Equal("breached", slippage.Str("status"));
        Assert.Equal(48.93m, slippage.Dec("value")); // (143 × 30 + 100 × 76) / 243
        Assert.Equal("days", slippage.Str("unit"));
        Assert.True(slippage.IsNull("subject"));
        Assert.True(slippage.IsNull("target"));

        var margin = body.Signpost("mining_margin");
        Assert.Equal("at_risk", margin.Str("status"));
        Assert.Equal(1.23m, margin.Dec("value"));
        var marginDetails = margin.GetProperty("details");
        Assert.Equal(81_000m, marginDetails.Dec("btcPriceUsd"));
        Assert.Equal(80_000m, marginDetails.Dec("cashCostPerBtcUsd"));
        Assert.Equal("company", marginDetails.Str("costBasis"));
        Assert.Equal("2026-05-29", marginDetails.Str("btcPriceDate"));

        Assert.Equal(
            ["colocation_momentum", "billable_mw_target", "contract_delivery", "rfs_slippage", "mining_margin", "revenue_visibility", "speed_to_cash", "demand_integrity"],
            body.GetProperty("signposts").EnumerateArray().Select(s => s.Str("key")));
        foreach (var signpost in body.GetProperty("signposts").EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(signpost.Str("explanation")));
        }

        var delivered = body.Tranche("DEN-A");
        Assert.Equal("Denton TX", delivered.Str("site"));
        Assert.Equal("CW1", delivered.Str("contract"));
        Assert.Equal(143m, delivered.Dec("mw"));
        Assert.Equal("2025-08-31", delivered.Str("baselineRfs"));
        Assert.Equal("2025-09-30", delivered.Str("actualRfs"));
        Assert.Equal(30, delivered.GetProperty("slipDays").GetInt32());
        Assert.False(delivered.GetProperty("overdue").GetBoolean());
        Assert.Equal("minor", delivered.Str("severity"));

        var revised = body.Tranche("DEN-B");
        Assert.Equal("2026-09-30", revised.Str("baselineRfs"));
        Assert.Equal("2026-12-15", revised.Str("currentRfs"));
        Assert.True(revised.IsNull("actualRfs"));
        Assert.Equal(76, revised.GetProperty("slipDays").GetInt32());
        Assert.Equal("major", revised.Str("severity"));
        // 100 MW × ($850M / 590 MW) × 76 / 365
        Assert.Equal(29_997_678.20m, revised.Dec("revenueAtRiskUsd"));
    }

    [Fact]
    public async Task A_quarter_reported_after_the_asOf_date_is_ignored()
    {
        var client = await app.AnalystAsync();

        // Q1 2026 was reported on 2026-05-07.
        var before = await client.OkJsonAsync($"{Corz}/signposts?asOf=2026-05-06");
        var on = await client.OkJsonAsync($"{Corz}/signposts?asOf=2026-05-07");

        var momentum = before.Signpost("colocation_momentum");
        Assert.Equal("2026-05-06", before.Str("asOf"));
        Assert.Equal("2025-12-31", momentum.GetProperty("details").Str("latestPeriodEnd"));
        Assert.Equal(62.5m, momentum.GetProperty("details").Dec("qoqPct"));
        Assert.True(momentum.IsNull("value")); // no quarter a year before Q4 2025
        Assert.Equal("on_track", momentum.Str("status"));
        Assert.Equal(200m, before.Signpost("billable_mw_target").Dec("value"));

        Assert.Equal("2026-03-31", on.Signpost("colocation_momentum").GetProperty("details").Str("latestPeriodEnd"));
        Assert.Equal(801.16m, on.Signpost("colocation_momentum").Dec("value"));
        Assert.Equal(243m, on.Signpost("billable_mw_target").Dec("value"));
    }

    [Fact]
    public async Task An_RFS_revision_counts_only_from_the_day_it_was_announced()
    {
        var client = await app.AnalystAsync();

        // DEN-B's revision to 2026-12-15 was announced on 2026-05-01.
        var before = await client.OkJsonAsync($"{Corz}/signposts?asOf=2026-04-30");
        var after = await client.OkJsonAsync($"{Corz}/signposts?asOf=2026-05-01");

        var tranche = before.Tranche("DEN-B");
        Assert.Equal("2026-09-30", tranche.Str("baselineRfs"));
        Assert.Equal("2026-09-30", tranche.Str("currentRfs"));
        Assert.Equal(0, tranche.GetProperty("slipDays").GetInt32());
        Assert.Equal("none", tranche.Str("severity"));
        Assert.Equal(0m, tranche.Dec("revenueAtRiskUsd"));
        Assert.Equal("ok", before.Signpost("rfs_slippage").Str("status"));
        Assert.Equal(17.65m, before.Signpost("rfs_slippage").Dec("value")); // only DEN-A's 30 days: 143 × 30 / 243

        Assert.Equal("2026-12-15", after.Tranche("DEN-B").Str("currentRfs"));
        Assert.Equal("major", after.Tranche("DEN-B").Str("severity"));
        Assert.Equal("breached", after.Signpost("rfs_slippage").Str("status"));
    }

    [Theory]
    [InlineData("2026-03-01", "65000", "80000", "company", "-23.08", "breached")] // BTC 2026-02-05; Q4 2025 cost
    [InlineData("2026-01-15", "81000", "80000", "industry_average", "1.23", "at_risk")] // Q1 2025 cost is over 200 days old
    [InlineData("2026-05-31", "81000", "80000", "company", "1.23", "at_risk")]
    public async Task Mining_margin_uses_the_latest_close_and_cost_known_at_the_date(
        string asOf, string btc, string cost, string basis, string marginPct, string status)
    {
        var client = await app.AnalystAsync();

        var margin = (await client.OkJsonAsync($"{Corz}/signposts?asOf={asOf}")).Signpost("mining_margin");

        Assert.Equal(status, margin.Str("status"));
        Assert.Equal(decimal.Parse(marginPct, System.Globalization.CultureInfo.InvariantCulture), margin.Dec("value"));
        Assert.Equal(25m, margin.Dec("target"));
        Assert.Equal(decimal.Parse(btc), margin.GetProperty("details").Dec("btcPriceUsd"));
        Assert.Equal(decimal.Parse(cost), margin.GetProperty("details").Dec("cashCostPerBtcUsd"));
        Assert.Equal(basis, margin.GetProperty("details").Str("costBasis"));
    }

    [Fact]
    public async Task Weak_mining_economics_alone_give_watch_not_reverting()
    {
        var client = await app.AnalystAsync();

        // Margin breached at 2026-03-01, no execution failure, but the billable-MW target is at risk.
        var body = await client.OkJsonAsync($"{Corz}/signposts?asOf=2026-03-01");

        Assert.Equal("breached", body.Signpost("mining_margin").Str("status"));
        Assert.Equal("at_risk", body.Signpost("billable_mw_target").Str("status"));
        Assert.Equal("watch", body.Str("verdict"));
    }

    [Theory]
    [InlineData("corz")]
    [InlineData("Corz")]
    [InlineData("CORZ")]
    public async Task Tickers_are_matched_in_any_case(string ticker)
    {
        var client = await app.AnalystAsync();

        foreach (var route in new[] { "signposts", "quarters", "tranches", "contracts" })
        {
            var body = await client.OkJsonAsync($"/api/v1/companies/{ticker}/{route}?asOf=2026-05-31");
            Assert.Equal("CORZ", body.Str("ticker"));
        }
    }

    [Theory]
    [InlineData("signposts")]
    [InlineData("quarters")]
    [InlineData("tranches")]
    [InlineData("contracts")]
    public async Task An_unknown_ticker_is_404_with_a_problem_naming_it(string route)
    {
        var client = await app.AnalystAsync();

        var response = await client.GetAsync($"/api/v1/companies/NOPE/{route}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("Company not found", problem.Str("title"));
        Assert.Contains("'NOPE'", problem.Str("detail"));
        Assert.Equal("NOPE", problem.Str("ticker"));
        Assert.False(string.IsNullOrEmpty(problem.Str("type")));
    }

    [Theory]
    [InlineData("/api/v1/companies", "2026-13-01")]
    [InlineData("/api/v1/companies/CORZ/signposts", "31-05-2026")]
    [InlineData("/api/v1/companies/CORZ/signposts", "2026-5-31")]
    [InlineData("/api/v1/companies/CORZ/quarters", "yesterday")]
    [InlineData("/api/v1/companies/CORZ/tranches", "2026-05-31T00:00:00Z")]
    [InlineData("/api/v1/companies/CORZ/contracts", "2026-02-30")]
    [InlineData("/api/v1/companies/NOPE/signposts", "2026-02-30")]
    public async Task A_malformed_asOf_is_400_with_a_problem_naming_the_parameter_and_value(string path, string asOf)
    {
        var client = await app.AnalystAsync();

        var response = await client.GetAsync($"{path}?asOf={Uri.EscapeDataString(asOf)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains($"'{asOf}'", problem.Str("detail"));
        Assert.Contains("asOf", problem.Str("detail"));
        Assert.Contains("YYYY-MM-DD", problem.Str("detail"));
        var messages = problem.GetProperty("errors").GetProperty("asOf").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains($"'{asOf}'"));
    }

    [Fact]
    public async Task An_empty_asOf_means_today()
    {
        var client = await app.AnalystAsync();

        var body = await client.OkJsonAsync($"{Corz}/signposts?asOf=");

        Assert.Equal("2026-05-31", body.Str("asOf"));
    }

    [Fact]
    public async Task Quarters_come_with_their_sources_and_asOf_keeps_only_those_reported_by_then()
    {
        var client = await app.AnalystAsync();

        var all = await client.OkJsonAsync($"{Corz}/quarters");
        var then = await client.OkJsonAsync($"{Corz}/quarters?asOf=2026-05-06");

        Assert.True(all.IsNull("asOf"));
        var quarters = all.GetProperty("quarters").EnumerateArray().ToList();
        Assert.Equal(["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"], quarters.Select(q => q.Str("periodEnd")));
        var latest = quarters[^1];
        Assert.Equal("Q1 2026", latest.Str("fiscalLabel"));
        Assert.Equal("2026-05-07", latest.Str("reportedOn"));
        Assert.Equal(77_500_000m, latest.Dec("colocationRevenueUsd"));
        Assert.Equal(243m, latest.Dec("billableMw"));
        Assert.True(latest.IsNull("miningRevenueUsd")); // not reported is null, never 0
        Assert.Equal("Core Scientific Q1 2026 results (2026-05-07)", latest.Str("source"));

        Assert.Equal("2026-05-06", then.Str("asOf"));
        Assert.Equal("2025-12-31", then.GetProperty("quarters").EnumerateArray().Last().Str("periodEnd"));
        Assert.Equal(4, then.GetProperty("quarters").GetArrayLength());
    }

    [Fact]
    public async Task Tranches_carry_their_RFS_revision_history_as_known_at_the_date()
    {
        var client = await app.AnalystAsync();

        var all = await client.OkJsonAsync($"{Corz}/tranches");
        var beforeRevision = await client.OkJsonAsync($"{Corz}/tranches?asOf=2026-04-30");
        var early = await client.OkJsonAsync($"{Corz}/tranches?asOf=2025-01-01");

        var revised = all.Tranche("DEN-B");
        Assert.Equal("Denton TX", revised.Str("site"));
        Assert.Equal("CW1", revised.Str("contract"));
        Assert.Equal("CoreWeave", revised.Str("customer"));
        Assert.Equal(100m, revised.Dec("criticalItMw"));
        Assert.Equal("under_construction", revised.Str("status"));
        Assert.Equal("2026-09-30", revised.Str("baselineRfs"));
        Assert.Equal("2026-12-15", revised.Str("currentRfs"));
        var revisions = revised.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal(["2025-01-15", "2026-05-01"], revisions.Select(r => r.Str("announcedOn")));
        Assert.Equal(["2026-09-30", "2026-12-15"], revisions.Select(r => r.Str("rfsDate")));
        Assert.Equal("Core Scientific Q1 2026 call 2026-05-01", revisions[1].Str("source"));
        Assert.Equal("Utility interconnection delay", revisions[1].Str("note"));
        Assert.Equal("billable", all.Tranche("DEN-A").Str("status"));
        Assert.Equal("2025-09-30", all.Tranche("DEN-A").Str("actualRfs"));

        var then = beforeRevision.Tranche("DEN-B");
        Assert.Single(then.GetProperty("revisions").EnumerateArray());
        Assert.Equal("2026-09-30", then.Str("currentRfs"));

        // On 2025-01-01 DEN-B had not been announced, and DEN-A was not delivered yet.
        var denA = Assert.Single(early.GetProperty("tranches").EnumerateArray());
        Assert.Equal("DEN-A", denA.Str("tranche"));
        Assert.True(denA.IsNull("actualRfs"));
        Assert.True(denA.IsNull("status"));
    }

    [Fact]
    public async Task Quarters_tranches_and_contracts_carry_the_figures_the_engine_derived_from_them()
    {
        var client = await app.AnalystAsync();

        var quarters = (await client.OkJsonAsync($"{Corz}/quarters?asOf=2026-05-31")).GetProperty("quarters").EnumerateArray().ToList();
        var tranches = await client.OkJsonAsync($"{Corz}/tranches?asOf=2026-05-31");
        var contract = (await client.OkJsonAsync($"{Corz}/contracts?asOf=2026-05-31")).GetProperty("contracts").EnumerateArray().Single();
        var signposts = await client.OkJsonAsync($"{Corz}/signposts?asOf=2026-05-31");

        // A contract's kind travels as the format's word; the sample's is a lease of capacity.
        Assert.Equal("colocation", contract.Str("kind"));
        // The same QoQ/YoY as colocation_momentum, by its year-ago rule and rounding.
        var momentum = signposts.Signpost("colocation_momentum").GetProperty("details");
        Assert.Equal(momentum.Dec("qoqPct"), quarters[^1].Dec("colocationQoqPct"));
        Assert.Equal(momentum.Dec("yoyPct"), quarters[^1].Dec("colocationYoyPct"));
        Assert.Equal("2025-03-31", quarters[^1].Str("yearAgoPeriodEnd"));
        // Each revision's slip against the baseline, and the tranche's slip as the signposts give it.
        var revised = tranches.Tranche("DEN-B");
        Assert.Equal([0m, 76m], revised.GetProperty("revisions").EnumerateArray().Select(r => r.Dec("daysVsBaseline")));
        Assert.Equal(signposts.Tranche("DEN-B").Dec("slipDays"), revised.Dec("slipDays"));
        Assert.Equal(signposts.Tranche("DEN-B").Str("severity"), revised.Str("severity"));
        var delivery = signposts.GetProperty("signposts").EnumerateArray().Single(s => s.Str("key") == "contract_delivery");
        Assert.Equal(delivery.Str("status"), contract.Str("deliveryStatus"));
        Assert.Equal(delivery.Dec("value"), contract.Dec("deliveredMw"));
    }

    [Fact]
    public async Task Contracts_carry_their_events_as_known_at_the_date()
    {
        var client = await app.AnalystAsync();

        var all = await client.OkJsonAsync($"{Corz}/contracts");
        var early = await client.OkJsonAsync($"{Corz}/contracts?asOf=2025-01-01");
        var beforeSigning = await client.OkJsonAsync($"{Corz}/contracts?asOf=2024-06-02");

        var contract = Assert.Single(all.GetProperty("contracts").EnumerateArray());
        Assert.Equal("CW1", contract.Str("contract"));
        Assert.Equal("CoreWeave", contract.Str("customer"));
        Assert.Equal(590m, contract.Dec("contractedMw"));
        Assert.Equal(850_000_000m, contract.Dec("annualizedRevenueUsd"));
        Assert.Equal("2024-06-03", contract.Str("signedOn"));
        Assert.Equal("2027-03-31", contract.Str("fullDeliveryBy"));
        Assert.False(string.IsNullOrEmpty(contract.Str("source")));
        var events = contract.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["signed", "expanded"], events.Select(e => e.Str("event")));
        Assert.Equal(390m, events[1].Dec("mwChange"));
        Assert.Equal("Core Scientific PR 2025-02-24", events[1].Str("source"));

        var earlyEvents = Assert.Single(early.GetProperty("contracts").EnumerateArray()).GetProperty("events");
        Assert.Equal("signed", Assert.Single(earlyEvents.EnumerateArray()).Str("event"));
        Assert.Empty(beforeSigning.GetProperty("contracts").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/companies")]
    [InlineData("/api/v1/companies/CORZ/signposts")]
    [InlineData("/api/v1/companies/CORZ/quarters")]
    [InlineData("/api/v1/companies/CORZ/tranches")]
    [InlineData("/api/v1/companies/CORZ/contracts")]
    public async Task Json_uses_camelCase_names_iso_dates_and_wire_words(string path)
    {
        var client = await app.AnalystAsync();

        var body = await client.OkJsonAsync(path);

        foreach (var (name, value) in Walk(body))
        {
            Assert.Matches("^[a-z][a-zA-Z0-9]*$", name);
            if (value.ValueKind == JsonValueKind.String && (name.EndsWith("Rfs", StringComparison.Ordinal) || name.EndsWith("On", StringComparison.Ordinal)
                || name.EndsWith("PeriodEnd", StringComparison.Ordinal) || name is "asOf" or "deadline" or "periodEnd" or "rfsDate"))
            {
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", value.GetString());
            }
            if (name is "status" or "verdict" or "kind" or "severity" or "event" && value.ValueKind == JsonValueKind.String)
            {
                Assert.Matches("^[a-z_]+$", value.GetString());
            }
        }
    }

    [Fact]
    public async Task Status_and_verdict_words_are_those_of_the_product_brief()
    {
        var client = await app.AnalystAsync();

        var text = await (await client.GetAsync($"{Corz}/signposts")).Content.ReadAsStringAsync();

        Assert.Contains("\"verdict\":\"watch\"", text);
        Assert.Contains("\"kind\":\"validation\"", text);
        Assert.Contains("\"kind\":\"risk\"", text);
        Assert.Contains("\"status\":\"at_risk\"", text);
        Assert.Contains("\"severity\":\"major\"", text);
        Assert.DoesNotContain("\"AtRisk\"", text);
        Assert.DoesNotContain("\"Key\"", text);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_route_and_its_responses()
    {
        var client = await app.AnalystAsync();

        var doc = await client.OkJsonAsync("/openapi/v1.json");

        var paths = doc.GetProperty("paths");
        var expected = new Dictionary<string, string>
        {
            ["/api/v1/companies"] = "ListCompanies",
            ["/api/v1/companies/{ticker}/signposts"] = "GetCompanySignposts",
            ["/api/v1/companies/{ticker}/quarters"] = "GetCompanyQuarters",
            ["/api/v1/companies/{ticker}/tranches"] = "GetCompanyTranches",
            ["/api/v1/companies/{ticker}/contracts"] = "GetCompanyContracts",
        };
        foreach (var (path, operationId) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            var get = item.GetProperty("get");
            Assert.Equal(operationId, get.Str("operationId"));
            Assert.False(string.IsNullOrWhiteSpace(get.Str("summary")));
            Assert.False(string.IsNullOrWhiteSpace(get.Str("description")));
            var responses = get.GetProperty("responses");
            var codes = responses.EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains("200", codes);
            Assert.Contains("400", codes);
            Assert.Contains("401", codes);
            Assert.Contains("403", codes);
            Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _), $"{path} 200 has no JSON schema");
            var asOf = get.GetProperty("parameters").EnumerateArray().Single(p => p.Str("name") == "asOf");
            Assert.Equal("query", asOf.Str("in"));
            if (path.Contains("{ticker}", StringComparison.Ordinal))
            {
                Assert.Contains("404", codes);
                Assert.True(responses.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
            }
        }
    }

    private static IEnumerable<(string Name, JsonElement Value)> Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return (property.Name, property.Value);
                    foreach (var inner in Walk(property.Value))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in Walk(item))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }
}
