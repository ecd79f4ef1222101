namespace MinerPivot.Core.Import;

/// <summary>
/// One reason an import is refused. <see cref="Line"/> counts the header as line 1 (a quoted field that spans lines
/// is reported at the line its record starts on); line 0 means the file as a whole.
/// </summary>
public sealed record ImportError(string File, int Line, string? Column, string? Value, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File} line {Line}" : File;
        var what = Column is null ? "" : Value is null ? $", {Column}" : $", {Column} '{Value}'";
        return $"{where}{what}: {Message}";
    }
}

/// <summary>Collects errors, keeping the first <see cref="Limit"/> and counting the rest.</summary>
public sealed class ImportErrors
{
    public const int Limit = 500;
    private const int MaxValueLength = 200;
    private readonly List<ImportError> _kept = [];

    /// <summary>How many errors were found, including those not kept.</summary>
    public int Count { get; private set; }

    public bool Truncated => Count > Limit;

    public void Add(string file, int line, string? column, string? value, string message)
    {
        if (value is { Length: > MaxValueLength })
        {
            value = string.Concat(value.AsSpan(0, MaxValueLength), "…");
        }
        Add(new ImportError(file, line, column, value, message));
    }

    public void Add(ImportError error)
    {
        Count++;
        if (_kept.Count < Limit)
        {
            _kept.Add(error);
        }
    }

    /// <summary>The kept errors by file (in import order) and line, ending with a note when some were left out.</summary>
    public IReadOnlyList<ImportError> ToList()
    {
        var list = _kept
            .Select((e, i) => (e, i))
            .OrderBy(x => ImportFormat.OrderOf(x.e.File))
            .ThenBy(x => x.e.File, StringComparer.Ordinal)
            .ThenBy(x => x.e.Line)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();
        if (Truncated)
        {
            list.Add(new ImportError("(import)", 0, null, null,
                $"{Count} errors were found; only the first {Limit} are listed. Fix these and import again to see the rest."));
        }
        return list;
    }
}
