using System.Globalization;
using System.Text;
using MinerPivot.Core.Import;

namespace MinerPivot.Bench.Import;

/// <summary>
/// A synthetic universe in the import format: companies with one site each and their tranches (the parents), and the
/// rows being measured: quarters per company and RFS revisions per tranche. Deterministic, so every run loads the same bytes.
/// </summary>
internal sealed class Dataset
{
    public required byte[] Companies { get; init; }
    public required byte[] Sites { get; init; }
    public required byte[] Tranches { get; init; }
    public required byte[] Quarterly { get; init; }
    public required byte[] RfsRevisions { get; init; }
    public int QuarterlyRows { get; init; }
    public int RevisionRows { get; init; }

    public static string Ticker(int company) => $"T{company:D3}";

    public static Dataset Generate(int companies, int quartersPerCompany, int tranchesPerCompany, int revisionsPerTranche)
    {
        var random = new Random(20260531);
        var inv = CultureInfo.InvariantCulture;
        var c = new StringBuilder("ticker,name,fiscal_year_end_month\n");
        var s = new StringBuilder("ticker,site,location,acquired_on,gross_mw,critical_it_mw,source\n");
        var t = new StringBuilder("ticker,site,tranche,contract,customer,critical_it_mw,status,actual_rfs,source\n");
        var q = new StringBuilder("ticker,period_end,fiscal_label,reported_on,colocation_revenue_usd,mining_revenue_usd,btc_produced," +
                                  "cash_cost_per_btc_usd,contracted_mw,energized_mw,billable_mw,gross_pipeline_mw,capex_usd,source\n");
        var r = new StringBuilder("ticker,tranche,announced_on,rfs_date,source,note\n");
        for (var i = 1; i <= companies; i++)
        {
            var ticker = Ticker(i);
            c.Append(inv, $"{ticker},Bench Miner {i},{(i % 4 == 0 ? 6 : 12)}\n");
            s.Append(inv, $"{ticker},Campus {i},\"Somewhere, TX\",2021-03-01,{300 + i % 200},{200 + i % 100},Bench site source {i} (2021-03-01)\n");
            var end = new DateOnly(2026, 3, 31);
            for (var k = quartersPerCompany - 1; k >= 0; k--)
            {
                var periodEnd = new DateOnly(end.Year, end.Month, 1).AddMonths(-3 * k + 1).AddDays(-1);
                var colo = random.Next(1_000, 90_000) * 1000m;
                q.Append(inv, $"{ticker},{periodEnd:yyyy-MM-dd},Q{(periodEnd.Month + 2) / 3} {periodEnd.Year},{periodEnd.AddDays(40):yyyy-MM-dd},");
                q.Append(inv, $"{colo},{random.Next(10_000, 99_000) * 1000m + 0.5m},{random.Next(100, 2000)}.{random.Next(0, 9999):D4},");
                q.Append(inv, $"{random.Next(30_000, 90_000)},{random.Next(100, 900)},{random.Next(50, 500)}.5,{random.Next(10, 400)},{random.Next(1000, 5000)},");
                q.Append(inv, $"{random.Next(1, 500) * 100_000m},\"Bench Miner {i} quarterly report, {periodEnd:yyyy-MM-dd}\"\n");
            }
            for (var j = 1; j <= tranchesPerCompany; j++)
            {
                var code = $"TR-{j:D2}";
                t.Append(inv, $"{ticker},Campus {i},{code},,Tenant {j},{random.Next(10, 200)},under_construction,,Bench tranche source {i}-{j}\n");
                var announced = new DateOnly(2024, 1, 15).AddDays(random.Next(0, 60));
                var rfs = new DateOnly(2026, 6, 30).AddDays(random.Next(0, 180));
                for (var v = 0; v < revisionsPerTranche; v++)
                {
                    var note = v == 0 ? "Baseline." : v % 3 == 0 ? "\"Utility interconnection delay, per the call\"" : "";
                    r.Append(inv, $"{ticker},{code},{announced:yyyy-MM-dd},{rfs:yyyy-MM-dd},Bench revision source {i}-{j}-{v} ({announced:yyyy-MM-dd}),{note}\n");
                    announced = announced.AddDays(random.Next(20, 60));
                    rfs = rfs.AddDays(random.Next(-10, 45));
                }
            }
        }
        return new Dataset
        {
            Companies = Encoding.UTF8.GetBytes(c.ToString()),
            Sites = Encoding.UTF8.GetBytes(s.ToString()),
            Tranches = Encoding.UTF8.GetBytes(t.ToString()),
            Quarterly = Encoding.UTF8.GetBytes(q.ToString()),
            RfsRevisions = Encoding.UTF8.GetBytes(r.ToString()),
            QuarterlyRows = companies * quartersPerCompany,
            RevisionRows = companies * tranchesPerCompany * revisionsPerTranche,
        };
    }

    public IReadOnlyList<ImportFile> ParentFiles() =>
    [
        new(ImportFormat.Companies, new MemoryStream(Companies)), new(ImportFormat.Sites, new MemoryStream(Sites)),
        new(ImportFormat.Tranches, new MemoryStream(Tranches)),
    ];

    public IReadOnlyList<ImportFile> MeasuredFiles() =>
        [new(ImportFormat.Quarterly, new MemoryStream(Quarterly)), new(ImportFormat.RfsRevisions, new MemoryStream(RfsRevisions))];
}
