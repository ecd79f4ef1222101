using Npgsql;

namespace MinerPivot.Data.Import;

/// <summary>Inserts with binary COPY; updates by COPY into a staging table and one UPDATE … FROM.</summary>
internal sealed class BulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public async Task InsertAsync<T>(TableMap table, IReadOnlyList<CopyColumn<T>> columns, IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await CopyAsync(table.QualifiedName, columns.Select(c => table.Column(c.Property)), columns, rows, ct);
    }

    public async Task UpdateAsync<T>(TableMap table, CopyColumn<T> key, IReadOnlyList<CopyColumn<T>> columns, IReadOnlyCollection<T> rows,
        CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var stage = $"\"import_stage_{table.Table}\"";
        var keyColumn = table.Column(key.Property);
        var names = columns.Select(c => table.Column(c.Property)).ToList();
        await ExecuteAsync($"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {keyColumn}, {string.Join(", ", names)} FROM {table.QualifiedName} WITH NO DATA", ct);
        await CopyAsync(stage, [keyColumn, .. names], [key, .. columns], rows, ct);
        await ExecuteAsync(
            $"UPDATE {table.QualifiedName} AS t SET {string.Join(", ", names.Select(n => $"{n} = s.{n}"))} FROM {stage} AS s WHERE t.{keyColumn} = s.{keyColumn}; " +
            $"DROP TABLE {stage}", ct);
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task CopyAsync<T>(string target, IEnumerable<string> columnNames, IReadOnlyList<CopyColumn<T>> columns, IEnumerable<T> rows,
        CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {target} ({string.Join(", ", columnNames)}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                await column.Write(importer, row, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }
}
