using MinerPivot.Core.Import;

namespace MinerPivot.Data.Import;

/// <summary>The rows of one file sorted into new, changed (with the id of the row they change) and unchanged.</summary>
internal sealed class TablePlan
{
    public List<ImportRow> Inserts { get; } = [];
    public List<(int Id, ImportRow Row)> Updates { get; } = [];
    public int Unchanged { get; set; }
}

/// <summary>
/// What an import does to each table, decided against <see cref="ExistingRows"/> with the catalog's equality. A changed
/// row of an append-only file (contract_events, rfs_revisions) is not an update but an error.
/// </summary>
internal sealed class ImportPlan
{
    private readonly Dictionary<FactKind, TablePlan> _tables = [];

    public TablePlan For(FactKind kind)
    {
        if (!_tables.TryGetValue(kind, out var table))
        {
            _tables[kind] = table = new TablePlan();
        }
        return table;
    }

    public ImportFileCounts Counts(string file)
    {
        var table = For(FactKinds.Of(file));
        return new ImportFileCounts(file, table.Inserts.Count, table.Updates.Count, table.Unchanged);
    }

    public static ImportPlan Create(ImportBatch batch, ExistingRows existing)
    {
        var plan = new ImportPlan();
        foreach (var kind in FactKinds.All)
        {
            var table = plan.For(kind);
            foreach (var row in kind.RowsIn(batch))
            {
                if (existing.Find(kind, row) is not { } old)
                {
                    table.Inserts.Add(row);
                }
                else if (kind.SameValues(old.Row, row))
                {
                    table.Unchanged++;
                }
                else if (kind.AppendOnly is { } rule)
                {
                    AppendOnlyConflict(batch, kind, row, kind.Differences(old.Row, row), rule);
                }
                else
                {
                    table.Updates.Add((old.Id, row));
                }
            }
        }
        return plan;
    }

    private static void AppendOnlyConflict(ImportBatch batch, FactKind kind, ImportRow row, IReadOnlyList<(string Column, string? Old, string? New)> changed,
        AppendOnlyRule rule)
    {
        var stored = string.Join(", ", changed.Select(c => $"{c.Column} '{Shorten(c.Old)}'"));
        batch.Errors.Add(kind.File, row.Line, changed[0].Column, changed[0].New ?? "",
            $"{kind.File} is append-only and {rule.Describe(row)} is already stored with {stored}. An identical row is skipped, a changed one is refused. {rule.Advice}");
    }

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
