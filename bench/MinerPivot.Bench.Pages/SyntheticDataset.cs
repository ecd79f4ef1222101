using System.Globalization;
using System.Text;

namespace MinerPivot.Bench.Pages;

/// <summary>
/// Writes a synthetic dataset in the import format (DATA-FORMAT.md): N companies, each with 40 quarters, 2 sites,
/// 2 contracts with events, 10 tranches × 10 RFS revisions and a billable MW target; daily BTC closes over the 40
/// quarters; a few indicator series. Deterministic for a given N.
/// </summary>
public static class SyntheticDataset
{
    public static readonly DateOnly LastQuarterEnd = new(2026, 9, 30);
    public const int Quarters = 40;
    public const int TranchesPerCompany = 10;
    public const int RevisionsPerTranche = 10;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Ticker(int i) => "S" + i.ToString("000", Inv);

    public static void Write(string folder, int companies)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(20260531);
        var c = new StringBuilder("ticker,name,fiscal_year_end_month\n");
        var s = new StringBuilder("ticker,site,location,acquired_on,gross_mw,critical_it_mw,source\n");
        var k = new StringBuilder("ticker,contract,customer,contracted_mw,term_years,total_value_usd,annualized_revenue_usd,signed_on,full_delivery_by,source\n");
        var e = new StringBuilder("ticker,contract,event,event_on,mw_change,source\n");
        var t = new StringBuilder("ticker,site,tranche,contract,customer,critical_it_mw,status,actual_rfs,source\n");
        var r = new StringBuilder("ticker,tranche,announced_on,rfs_date,source,note\n");
        var q = new StringBuilder("ticker,period_end,fiscal_label,reported_on,colocation_revenue_usd,mining_revenue_usd,btc_produced,cash_cost_per_btc_usd,contracted_mw,energized_mw,billable_mw,gross_pipeline_mw,capex_usd,source\n");
        var g = new StringBuilder("ticker,kind,target_value,deadline,announced_on,source\n");

        for (var i = 0; i < companies; i++)
        {
            var ticker = Ticker(i);
            var fyEnd = i % 4 == 0 ? 6 : 12;
            c.Append(ticker).Append(",Synthetic Miner ").Append(i.ToString("000", Inv)).Append(',').Append(fyEnd).Append('\n');
            foreach (var (site, acquired) in new[] { ("SITE-A", new DateOnly(2021, 1, 1).AddDays(i)), ("SITE-B", new DateOnly(2022, 6, 1).AddDays(i)) })
            {
                s.Append($"{ticker},{site},Texas,{D(acquired)},500,300,synthetic site {ticker} {site}\n");
            }
            foreach (var contract in new[] { "C1", "C2" })
            {
                k.Append($"{ticker},{contract},Hyperscaler {i % 7},250,10,2500000000,250000000,2022-03-01,2027-06-30,synthetic contract {ticker} {contract}\n");
                e.Append($"{ticker},{contract},signed,2022-03-01,250,synthetic event {ticker} {contract}\n");
            }
            for (var n = 1; n <= TranchesPerCompany; n++)
            {
                var code = "T" + n.ToString("00", Inv);
                var baseline = new DateOnly(2024, 6, 30).AddDays(n * 45 + i % 30);
                var slipStep = random.Next(0, 12);
                var current = baseline;
                for (var v = 0; v < RevisionsPerTranche; v++)
                {
                    current = baseline.AddDays(v * slipStep);
                    r.Append($"{ticker},{code},{D(new DateOnly(2022, 1, 10).AddDays(v * 60))},{D(current)},synthetic revision {v},\n");
                }
                var delivered = n <= 4;
                t.Append($"{ticker},{(n % 2 == 0 ? "SITE-B" : "SITE-A")},{code},{(n <= 5 ? "C1" : "C2")},Hyperscaler {i % 7},50,")
                    .Append(delivered ? "billable" : n <= 7 ? "under_construction" : "planned").Append(',')
                    .Append(delivered ? D(current) : "").Append($",synthetic tranche {ticker} {code}\n");
            }
            for (var n = 0; n < Quarters; n++)
            {
                var end = QuarterEnd(LastQuarterEnd, n - (Quarters - 1));
                var growth = n / (decimal)(Quarters - 1);
                var colo = n < 12 ? "" : Money(2_000_000m + 90_000_000m * growth * growth + random.Next(0, 3_000_000));
                var billable = n < 20 ? "" : (50m + 300m * growth).ToString("0.0", Inv);
                q.Append($"{ticker},{D(end)},{Label(end, fyEnd)},{D(end.AddDays(40))},{colo},{Money(40_000_000m + random.Next(0, 20_000_000))},")
                    .Append($"{random.Next(100, 400)},{Money(45_000m + 40_000m * growth)},{(n < 16 ? "" : "500")},{(n < 18 ? "" : (100m + 350m * growth).ToString("0.0", Inv))},")
                    .Append($"{billable},{(n < 10 ? "" : "2000")},,synthetic quarter {ticker} {D(end)}\n");
            }
            g.Append($"{ticker},billable_mw,450,2027-06-30,2025-01-15,synthetic target {ticker}\n");
        }

        var b = new StringBuilder("date,close_usd,source\n");
        var price = 8_000m;
        for (var day = QuarterEnd(LastQuarterEnd, -(Quarters - 1)).AddDays(-91); day <= LastQuarterEnd.AddDays(31); day = day.AddDays(1))
        {
            price = Math.Max(3_000m, price * (1m + (decimal)(random.NextDouble() - 0.497) * 0.06m));
            b.Append($"{D(day)},{price.ToString("0.00", Inv)},synthetic close\n");
        }
        var x = new StringBuilder("series,date,value,unit,source\n");
        for (var n = 0; n < Quarters; n++)
        {
            var end = QuarterEnd(LastQuarterEnd, n - (Quarters - 1));
            x.Append($"public_miner_cash_cost_per_btc_usd,{D(end)},{(30_000 + 1_200 * n).ToString(Inv)},USD per BTC,synthetic\n");
            x.Append($"wgmi_ytd_price_return_pct,{D(end)},{(random.Next(-40, 90)).ToString(Inv)},percent,synthetic\n");
            x.Append($"dram_contract_price_usd,{D(end)},{(2 + random.NextDouble() * 3).ToString("0.00", Inv)},USD,synthetic\n");
        }

        foreach (var (name, text) in new[]
        {
            ("companies.csv", c), ("sites.csv", s), ("contracts.csv", k), ("contract_events.csv", e), ("tranches.csv", t),
            ("rfs_revisions.csv", r), ("quarterly.csv", q), ("btc_prices.csv", b), ("targets.csv", g), ("indicators.csv", x),
        })
        {
            File.WriteAllText(Path.Combine(folder, name), text.ToString(), new UTF8Encoding(false));
        }
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static string Money(decimal usd) => Math.Round(usd).ToString("0", Inv);

    /// <summary>The quarter end <paramref name="offset"/> quarters from <paramref name="from"/>.</summary>
    private static DateOnly QuarterEnd(DateOnly from, int offset)
    {
        var first = new DateOnly(from.Year, from.Month, 1).AddMonths(3 * offset);
        return first.AddMonths(1).AddDays(-1);
    }

    private static string Label(DateOnly end, int fyEndMonth)
    {
        if (fyEndMonth == 12)
        {
            return $"Q{(end.Month - 1) / 3 + 1} {end.Year}";
        }
        // Fiscal year ending in June: July–September is FQ1 of the next year.
        var fiscalYear = end.Month > fyEndMonth ? end.Year + 1 : end.Year;
        var quarter = ((end.Month - fyEndMonth - 1 + 12) % 12) / 3 + 1;
        return $"FQ{quarter} {fiscalYear}";
    }
}
