using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

/// <summary>
/// The plausibility bounds that imports and forms share: a value outside them is refused with file, line, column and
/// value, like any bad cell. The values at a bound are accepted.
/// </summary>
public class PlausibilityBoundsTests
{
    private static async Task<ImportError> SingleError(string file, params (string Column, string Value)[] changes)
    {
        var batch = await ImportTestFiles.Validate(ValidRows.CorzKeys, (file, ValidRows.Csv(file, changes)));
        return Assert.Single(batch.Errors.ToList());
    }

    private static async Task AssertAccepted(string file, params (string Column, string Value)[] changes)
    {
        var batch = await ImportTestFiles.Validate(ValidRows.CorzKeys, (file, ValidRows.Csv(file, changes)));
        Assert.Empty(batch.Errors.ToList());
    }

    [Theory]
    [InlineData(ImportFormat.RfsRevisions, "rfs_date", "9999-12-31")]
    [InlineData(ImportFormat.RfsRevisions, "announced_on", "1989-12-31")]
    [InlineData(ImportFormat.Sites, "acquired_on", "0001-01-01")]
    [InlineData(ImportFormat.BtcPrices, "date", "2101-01-01")]
    [InlineData(ImportFormat.Contracts, "full_delivery_by", "2200-01-01")]
    public async Task Dates_outside_1990_to_2100_are_refused(string file, string column, string value)
    {
        var error = await SingleError(file, (column, value));

        Assert.Equal((file, 2, column, value), (error.File, error.Line, error.Column, error.Value));
        Assert.Equal($"{column} is outside the plausible range 1990-01-01 to 2100-12-31.", error.Message);
    }

    [Fact]
    public async Task The_first_and_last_plausible_days_are_accepted()
    {
        await AssertAccepted(ImportFormat.BtcPrices, ("date", "1990-01-01"));
        await AssertAccepted(ImportFormat.BtcPrices, ("date", "2100-12-31"));
    }

    [Theory]
    [InlineData(ImportFormat.Tranches, "critical_it_mw", "100000.001", "MW per row is at most 100,000")]
    [InlineData(ImportFormat.Sites, "gross_mw", "999999999.999", "MW per row is at most 100,000")]
    [InlineData(ImportFormat.Targets, "target_value", "100001", "a target per row is at most 100,000")]
    [InlineData(ImportFormat.Quarterly, "capex_usd", "1000000000000.01", "money per row is at most 1,000,000,000,000")]
    [InlineData(ImportFormat.Contracts, "total_value_usd", "9999999999999999.99", "money per row is at most 1,000,000,000,000")]
    [InlineData(ImportFormat.BtcPrices, "close_usd", "10000000.01", "a BTC price or cost per row is at most 10,000,000")]
    [InlineData(ImportFormat.Quarterly, "cash_cost_per_btc_usd", "20000000", "a BTC price or cost per row is at most 10,000,000")]
    public async Task Implausibly_large_amounts_are_refused(string file, string column, string value, string message)
    {
        var error = await SingleError(file, (column, value));

        Assert.Equal((file, 2, column, value), (error.File, error.Line, error.Column, error.Value));
        Assert.Equal($"{column} is implausibly large: {message}.", error.Message);
    }

    [Fact]
    public async Task Amounts_at_their_bound_are_accepted()
    {
        await AssertAccepted(ImportFormat.Tranches, ("critical_it_mw", "100000"));
        await AssertAccepted(ImportFormat.Quarterly, ("capex_usd", "1000000000000"), ("cash_cost_per_btc_usd", "10000000"));
        await AssertAccepted(ImportFormat.BtcPrices, ("close_usd", "10000000"));
    }

    [Theory]
    [InlineData("0.001", "725000000", "725,000,000,000")]   // a missing decimal point in contracted_mw
    [InlineData("590", "50000", "85")]                       // revenue typed in thousands
    public async Task A_contract_whose_revenue_per_MW_is_implausible_is_refused(string mw, string annualized, string perMw)
    {
        var error = await SingleError(ImportFormat.Contracts, ("contracted_mw", mw), ("annualized_revenue_usd", annualized));

        Assert.Equal(("annualized_revenue_usd", annualized), (error.Column, error.Value));
        Assert.Equal($"annualized_revenue_usd over contracted_mw is {perMw} USD per MW-year, outside the plausible 100,000–50,000,000.", error.Message);
    }

    [Fact]
    public async Task The_revenue_per_MW_bounds_are_a_setting()
    {
        var strict = new ImportBounds { MinRevenuePerMwYearUsd = 2_000_000m, MaxRevenuePerMwYearUsd = 3_000_000m };
        var csv = ValidRows.Csv(ImportFormat.Contracts);   // $725M over 590 MW: $1.23M per MW-year
        var batch = await ImportReader.ReadAsync([new ImportFile(ImportFormat.Contracts, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)))], strict);

        Assert.Contains("outside the plausible 2,000,000–3,000,000", Assert.Single(batch.Errors.ToList()).Message);
        Assert.Empty((await ImportReader.ReadAsync([new ImportFile(ImportFormat.Contracts, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)))])).Errors.ToList());
    }

    [Fact]
    public void The_default_rate_bounds_admit_every_demo_contract_including_IRENs_GPU_cloud_deal()
    {
        var rates = File.ReadLines(Path.Combine(DemoData.Directory, ImportFormat.Contracts)).Skip(1)
            .Select(line => CsvFields(line))
            .Where(f => f[6].Length > 0)
            .Select(f => (Contract: f[0] + " " + f[1], Rate: decimal.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture) / decimal.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        Assert.Contains(rates, r => r.Rate > 9_000_000m);
        Assert.All(rates, r => Assert.InRange(r.Rate, ImportBounds.Default.MinRevenuePerMwYearUsd, ImportBounds.Default.MaxRevenuePerMwYearUsd));
    }

    private static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
