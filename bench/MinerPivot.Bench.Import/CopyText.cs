using System.Globalization;
using System.Text;
using MinerPivot.Core.Import;
using MinerPivot.Data.Import;
using Npgsql;

namespace MinerPivot.Bench.Import;

/// <summary>The measured rows in COPY's text format, with company and tranche ids looked up in the database.</summary>
internal static class CopyText
{
    public const string QuarterlyCopy =
        "COPY quarterly_figures (company_id, period_end, fiscal_label, reported_on, colocation_revenue_usd, mining_revenue_usd, btc_produced, " +
        "cash_cost_per_btc_usd, contracted_mw, energized_mw, billable_mw, gross_pipeline_mw, capex_usd, source) FROM STDIN";

    public const string RevisionsCopy = "COPY rfs_revisions (tranche_id, announced_on, rfs_date, source, note) FROM STDIN";

    public static async Task<(string Quarterly, string Revisions)> BuildAsync(NpgsqlConnection connection, Dataset dataset)
    {
        var companyId = new Dictionary<string, int>();
        await using (var command = new NpgsqlCommand("SELECT ticker, id FROM companies", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                companyId[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        var trancheId = new Dictionary<(string, string), int>();
        await using (var command = new NpgsqlCommand("SELECT c.ticker, t.code, t.id FROM tranches t JOIN companies c ON c.id = t.company_id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                trancheId[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
            }
        }

        // The rows as the importer reads them, so both sides store exactly the same values.
        var batch = await ImportReader.ReadAsync(dataset.MeasuredFiles());
        var quarterly = new StringBuilder();
        foreach (var q in batch.Quarterly)
        {
            Line(quarterly, Id(companyId[q.Ticker]), Date(q.PeriodEnd), q.FiscalLabel, Date(q.ReportedOn), N(q.ColocationRevenueUsd), N(q.MiningRevenueUsd),
                N(q.BtcProduced), N(q.CashCostPerBtcUsd), N(q.ContractedMw), N(q.EnergizedMw), N(q.BillableMw), N(q.GrossPipelineMw), N(q.CapexUsd), q.Source);
        }
        var revisions = new StringBuilder();
        foreach (var r in batch.RfsRevisions)
        {
            Line(revisions, Id(trancheId[(r.Ticker, r.Tranche)]), Date(r.AnnouncedOn), Date(r.RfsDate), r.Source, r.Note);
        }
        return (quarterly.ToString(), revisions.ToString());
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string? N(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, params string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                text.Append('\t');
            }
            CopyTextFormat.AppendField(text, fields[i]);
        }
        text.Append('\n');
    }
}
