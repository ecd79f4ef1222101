using Npgsql;

namespace MinerPivot.Bench;

/// <summary>
/// The floor for one company's signposts: the rows the fact store loads for it (the company, its sites, contracts and
/// their events, tranches and their RFS revisions, quarters and targets), read with plain Npgsql in a single round trip.
/// </summary>
internal static class FactsSql
{
    private const string Company = "(SELECT id FROM companies WHERE ticker = @ticker)";

    private static readonly string[] CompanyQueries =
    [
        "SELECT * FROM companies WHERE ticker = @ticker",
        $"SELECT * FROM sites WHERE company_id = {Company}",
        $"SELECT * FROM contracts WHERE company_id = {Company}",
        $"SELECT e.* FROM contract_events e JOIN contracts k ON k.id = e.contract_id WHERE k.company_id = {Company}",
        $"SELECT * FROM tranches WHERE company_id = {Company}",
        $"SELECT r.* FROM rfs_revisions r JOIN tranches t ON t.id = r.tranche_id WHERE t.company_id = {Company}",
        $"SELECT * FROM quarterly_figures WHERE company_id = {Company}",
        $"SELECT * FROM targets WHERE company_id = {Company}",
    ];

    /// <summary>Reads every value of every row; returns the number of rows. With <paramref name="marketRows"/>, also every price and indicator.</summary>
    /// <remarks>Opens its connection from Npgsql's pool for <paramref name="connectionString"/>, the pool the app's DbContexts use.</remarks>
    public static async Task<int> LoadAsync(string connectionString, string ticker, bool marketRows, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in CompanyQueries)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("ticker", ticker);
            batch.BatchCommands.Add(command);
        }
        if (marketRows)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT * FROM btc_prices"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT * FROM indicator_values"));
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var rows = 0;
        var values = new object[64];
        do
        {
            while (await reader.ReadAsync(ct))
            {
                reader.GetValues(values);
                rows++;
            }
        }
        while (await reader.NextResultAsync(ct));
        return rows;
    }
}
