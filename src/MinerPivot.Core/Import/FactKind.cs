using System.Collections.Frozen;

namespace MinerPivot.Core.Import;

/// <summary>What a column's value names in another file (or, for a file's own key, what the file declares).</summary>
public enum FactRef
{
    None,
    Company,
    Site,
    Contract,
    Tranche,
}

/// <summary>
/// One column of an import file: its name, label, type, whether it is required (or the value an empty cell stands for)
/// and what a form shows beside it. <see cref="Get"/> reads the column's value from a row of its file.
/// </summary>
public sealed record FactColumn(string Name, string Label, ColumnType Type, Func<ImportRow, object?> Get)
{
    public bool Required { get; init; }

    /// <summary>The value of an empty cell or of a column the file leaves out (null: not reported).</summary>
    public object? Default { get; init; }

    /// <summary>What the value refers to in another file, checked against that file and the database.</summary>
    public FactRef Refers { get; init; }

    public string? Unit { get; init; }
    public string? Help { get; init; }

    /// <summary>A heading a form groups this column under.</summary>
    public string? Group { get; init; }

    /// <summary>Text that may run over several lines (sources, notes).</summary>
    public bool Multiline { get; init; }

    public string? Format(ImportRow row) => Type.Format(Get(row));
}

/// <summary>A row's typed values by column, as <see cref="FactKind"/>'s checks and row builder read them.</summary>
public sealed class RowValues
{
    private readonly FactKind _kind;
    private readonly object?[] _values;

    internal RowValues(FactKind kind, object?[] values)
    {
        _kind = kind;
        _values = values;
    }

    /// <summary>The column's value: null when empty or refused (use nullable types for optional columns).</summary>
    public T Get<T>(string column) => (T)_values[_kind.IndexOf(column)]!;
}

/// <summary>
/// One kind of fact (one file of the import format): its columns in export order, natural key, the checks across its
/// columns, and how a typed row is built. It drives the importer, the exporter, the admin forms, lists and audit.
/// </summary>
public abstract class FactKind
{
    private readonly FrozenDictionary<string, int> _index;

    protected FactKind(string file, string[] key, FactRef declares, IReadOnlyList<FactColumn> columns, RowCheck? check)
    {
        File = file;
        Key = key;
        Declares = declares;
        Columns = columns;
        Check = check;
        _index = columns.Select((c, i) => (c.Name, i)).ToFrozenDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        ColumnNames = [.. columns.Select(c => c.Name)];
        Required = columns.Where(c => c.Required).Select(c => c.Name).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Checks across the columns of a row (dates in order, a status and its date), after each cell was read.</summary>
    public delegate void RowCheck(RowValues values, RowChecker checker);

    public string File { get; }
    public IReadOnlyList<string> Key { get; }

    /// <summary>The kind of key a row of this file declares for other files to refer to, if any.</summary>
    public FactRef Declares { get; }

    public IReadOnlyList<FactColumn> Columns { get; }
    public IReadOnlyList<string> ColumnNames { get; }
    public FrozenSet<string> Required { get; }
    internal RowCheck? Check { get; }

    public abstract Type RowType { get; }

    public bool Has(string column) => _index.ContainsKey(column);

    public FactColumn Column(string name) => Columns[IndexOf(name)];

    internal int IndexOf(string column) =>
        _index.TryGetValue(column, out var i) ? i : throw new ArgumentException($"{File} has no column '{column}'.", nameof(column));

    internal abstract ImportRow Build(RowValues values, int line);

    /// <summary>The rows of this file in <paramref name="batch"/>.</summary>
    public abstract IReadOnlyList<ImportRow> RowsIn(ImportBatch batch);

    internal abstract void Add(ImportBatch batch, ImportRow row);

    /// <summary>The cells of a row as an export writes them (null for an empty cell), in column order.</summary>
    public string?[] Cells(ImportRow row) => [.. Columns.Select(c => c.Format(row))];

    /// <summary>The cells of a row by column name.</summary>
    public IReadOnlyDictionary<string, string?> CellsByName(ImportRow row) =>
        Columns.ToDictionary(c => c.Name, c => c.Format(row), StringComparer.Ordinal);

    /// <summary>Whether two rows hold the same values (the line they came from aside).</summary>
    public bool SameValues(ImportRow a, ImportRow b) => Columns.All(c => Equals(c.Get(a), c.Get(b)));

    /// <summary>The columns whose values differ, with both values as an export writes them.</summary>
    public IReadOnlyList<(string Column, string? Old, string? New)> Differences(ImportRow old, ImportRow @new) =>
        [.. Columns.Where(c => !Equals(c.Get(old), c.Get(@new))).Select(c => (c.Name, c.Format(old), c.Format(@new)))];

    /// <summary>A row made of column values (a stored entity's, for example).</summary>
    public ImportRow Create(Func<string, object?> valueOf) => Build(new RowValues(this, [.. Columns.Select(c => valueOf(c.Name))]), 0);

    /// <summary>The natural key as one string, for matching rows (cells as an export writes them).</summary>
    public string KeyOf(ImportRow row) => string.Join('\u001f', Key.Select(k => Column(k).Format(row)));

    /// <summary>The columns rows are sorted by in an export: the key, unless the kind says otherwise.</summary>
    public IReadOnlyList<string> SortBy { get; init; } = [];

    /// <summary>Sorts rows as an export writes them: text ordinally, dates and numbers by value, words in their order.</summary>
    public IEnumerable<ImportRow> Sorted(IEnumerable<ImportRow> rows)
    {
        var columns = (SortBy.Count > 0 ? SortBy : Key).Select(Column).ToList();
        IOrderedEnumerable<ImportRow>? sorted = null;
        foreach (var column in columns)
        {
            sorted = sorted is null ? rows.OrderBy(column.Get, ValueComparer.Instance) : sorted.ThenBy(column.Get, ValueComparer.Instance);
        }
        return sorted ?? rows;
    }

    /// <summary>For append-only kinds: how a refused change names the stored row, and what to do instead.</summary>
    public AppendOnlyRule? AppendOnly { get; init; }

    /// <summary>The natural key as text, e.g. "CORZ 2026-03-31".</summary>
    public string KeyText(ImportRow row) => string.Join(" ", Key.Select(k => Column(k).Format(row)).Where(v => !string.IsNullOrEmpty(v)));
}

/// <summary>An append-only kind refuses a changed row: <see cref="Describe"/> names the stored row, <see cref="Advice"/> says what to do.</summary>
public sealed record AppendOnlyRule(Func<ImportRow, string> Describe, string Advice);

internal sealed class ValueComparer : IComparer<object?>
{
    public static ValueComparer Instance { get; } = new();

    public int Compare(object? x, object? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => Comparer<object>.Default.Compare(x, y),
    };
}

/// <summary>A kind whose rows are <typeparamref name="TRow"/>.</summary>
public sealed class FactKind<TRow>(string file, string[] key, FactRef declares, Func<RowValues, TRow> build, IReadOnlyList<FactColumn> columns,
    FactKind.RowCheck? check = null) : FactKind(file, key, declares, columns, check) where TRow : ImportRow
{
    public override Type RowType => typeof(TRow);

    internal override ImportRow Build(RowValues values, int line) => ((ImportRow)build(values)) with { Line = line };

    public override IReadOnlyList<ImportRow> RowsIn(ImportBatch batch) => Rows(batch);

    public List<TRow> Rows(ImportBatch batch) => batch.Rows(this);

    internal override void Add(ImportBatch batch, ImportRow row) => Rows(batch).Add((TRow)row);
}

/// <summary>What a row check can do: read a cell as given, and refuse the row naming a column.</summary>
public sealed class RowChecker
{
    private readonly Func<string, string?> _cell;
    private readonly Action<string, string?, string> _fail;

    internal RowChecker(ImportBounds bounds, Func<string, string?> cell, Action<string, string?, string> fail)
    {
        Bounds = bounds;
        _cell = cell;
        _fail = fail;
    }

    public ImportBounds Bounds { get; }

    /// <summary>The trimmed cell, or null when it is empty or the file has no such column.</summary>
    public string? Cell(string column) => _cell(column);

    public void Fail(string column, string? value, string message) => _fail(column, value, message);
}
