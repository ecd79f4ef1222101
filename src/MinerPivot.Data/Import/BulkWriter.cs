using System.Text;
using Npgsql;

namespace MinerPivot.Data.Import;

/// <summary>Inserts with COPY; updates by COPY into a staging table and one UPDATE … FROM.</summary>
internal sealed class BulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private const int RowsPerWrite = 1000;

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
        await using var writer = await connection.BeginTextImportAsync($"COPY {target} ({string.Join(", ", columnNames)}) FROM STDIN", ct);
        var text = new StringBuilder();
        var pending = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    text.Append('\t');
                }
                CopyTextFormat.AppendField(text, columns[i].Value(row));
            }
            text.Append('\n');
            if (++pending == RowsPerWrite)
            {
                await writer.WriteAsync(text, ct);
                text.Clear();
                pending = 0;
            }
        }
        await writer.WriteAsync(text, ct);
    }
}
