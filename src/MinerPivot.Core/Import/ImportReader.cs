using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace MinerPivot.Core.Import;

/// <summary>
/// Reads the files of an import into typed rows, checking each file on its own: names, size, encoding, header,
/// required values, numbers, dates, words, lengths, per-row rules and duplicate keys. References between files
/// are checked by <see cref="ImportValidator"/>.
/// </summary>
public static class ImportReader
{
    public static Task<ImportBatch> ReadAsync(IEnumerable<ImportFile> files, CancellationToken ct = default) =>
        ReadAsync(files, ImportBounds.Default, ct);

    public static async Task<ImportBatch> ReadAsync(IEnumerable<ImportFile> files, ImportBounds bounds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(files);
        var batch = new ImportBatch();
        var contents = new List<(string Name, byte[] Bytes)>();
        foreach (var file in files)
        {
            var given = Path.GetFileName(file.Name);
            var name = ImportFormat.CanonicalName(file.Name);
            if (name is null)
            {
                batch.Errors.Add(given, 0, null, null,
                    $"Unknown file '{given}'. An import takes these files: {string.Join(", ", ImportFormat.FileNames)}.");
                continue;
            }
            if (contents.Exists(c => c.Name == name))
            {
                batch.Errors.Add(name, 0, null, null, $"{name} was given more than once in this import.");
                continue;
            }
            var bytes = await ReadLimitedAsync(file.Content, ct);
            if (bytes is null)
            {
                batch.Errors.Add(name, 0, null, null,
                    $"{name} is larger than {ImportFormat.MaxFileBytes / (1024 * 1024)} MB, the limit per file. Import it in parts.");
                continue;
            }
            contents.Add((name, bytes));
        }
        if (contents.Count == 0 && batch.Errors.Count == 0)
        {
            batch.Errors.Add("(import)", 0, null, null, $"No files were given. An import takes one or more of: {string.Join(", ", ImportFormat.FileNames)}.");
        }
        foreach (var (name, bytes) in contents.OrderBy(c => ImportFormat.OrderOf(c.Name)))
        {
            ct.ThrowIfCancellationRequested();
            batch.Files.Add(name);
            new FileParser(name, bytes, batch, bounds).Parse();
        }
        return batch;
    }

    /// <summary>The whole stream, or null once it passes the size limit (the rest is not read).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        if (stream.CanSeek && stream.Length - stream.Position > ImportFormat.MaxFileBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), ct)) > 0)
            {
                if (buffer.Length + read > ImportFormat.MaxFileBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private sealed class FileParser(string file, byte[] bytes, ImportBatch batch, ImportBounds bounds)
    {
        private readonly FactKind _kind = FactKinds.Of(file);
        private RowReader _rows = null!;
        private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
        private CsvReader _reader = null!;
        private int _headerFieldCount;
        private int _line;

        private ImportErrors Errors => batch.Errors;

        public void Parse()
        {
            if (!IsUtf8())
            {
                return;
            }
            var malformed = new Dictionary<long, CsvMalformedReason>();
            var options = new CsvReaderOptions
            {
                Separator = ',',
                HasHeader = true,
                Mode = CsvMode.Rfc4180,
                TrackLineNumbers = true,
                TrimWhitespace = true,
                SkipEmptyLines = true,
                DetectSeparatorHint = false,
                FormatProvider = CultureInfo.InvariantCulture,
                PoolStrings = true,
                OnMalformedRecord = m => malformed.TryAdd(m.LineNumber, m.Reason),
            };
            using var reader = CsvReader.Create(bytes, options);
            _reader = reader;
            if (!ReadHeader())
            {
                return;
            }
            _rows = new RowReader(_kind, batch, bounds);
            while (reader.Read())
            {
                _line = checked((int)reader.LineNumber);
                if (malformed.Remove(reader.LineNumber, out var reason))
                {
                    Errors.Add(file, _line, null, null, $"The row is not valid CSV: {Describe(reason)}.");
                    continue;
                }
                if (reader.FieldCount != _headerFieldCount)
                {
                    Errors.Add(file, _line, null, null,
                        $"The row has {reader.FieldCount} fields but the header has {_headerFieldCount}.");
                    continue;
                }
                _rows.Read(_line, Raw);
            }
        }

        private static string Describe(CsvMalformedReason reason) => reason switch
        {
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the whole field and double the inner quote)",
            CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
            CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
            CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
            _ => reason.ToString(),
        };

        private bool IsUtf8()
        {
            var span = bytes.AsSpan();
            if (System.Text.Unicode.Utf8.IsValid(span))
            {
                return true;
            }
            var offset = 0;
            while (offset < span.Length)
            {
                var status = Rune.DecodeFromUtf8(span[offset..], out _, out var consumed);
                if (status != OperationStatus.Done)
                {
                    var line = span[..offset].Count((byte)'\n') + 1;
                    Errors.Add(file, line, null, null, $"{file} is not valid UTF-8 (byte {offset + 1}). Save it as UTF-8 and import it again.");
                    return false;
                }
                offset += consumed;
            }
            return true;
        }

        private bool ReadHeader()
        {
            var headers = _reader.Headers;
            if (headers.Count == 0)
            {
                Errors.Add(file, 1, null, null,
                    $"{file} is empty. It needs a header row: {string.Join(",", _kind.ColumnNames)}.");
                return false;
            }
            _headerFieldCount = headers.Count;
            for (var i = 0; i < headers.Count; i++)
            {
                var given = headers[i]?.Trim() ?? "";
                var name = given.ToLowerInvariant();
                if (name.Length == 0)
                {
                    Errors.Add(file, 1, null, null, $"Column {i + 1} of the header has no name.");
                }
                else if (!_kind.ColumnNames.Contains(name))
                {
                    Errors.Add(file, 1, given, null,
                        $"Unknown column '{given}' in {file}. Its columns are: {string.Join(", ", _kind.ColumnNames)}.");
                }
                else if (!_columnIndex.TryAdd(name, i))
                {
                    Errors.Add(file, 1, given, null, $"Column '{name}' appears more than once in the header.");
                }
            }
            var complete = true;
            foreach (var column in _kind.ColumnNames)
            {
                if (_kind.Required.Contains(column) && !_columnIndex.ContainsKey(column))
                {
                    Errors.Add(file, 1, column, null, $"Missing required column '{column}'.");
                    complete = false;
                }
            }
            return complete;
        }

        /// <summary>The trimmed cell, or null for an empty cell or a column the file does not have.</summary>
        private string? Raw(string column)
        {
            if (!_columnIndex.TryGetValue(column, out var i))
            {
                return null;
            }
            var value = _reader.GetString(i);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }
}

/// <summary>
/// Reads one row of a kind from its cells, through the catalog's column types and checks: the importer reads each line of
/// a file with it, a form its fields, so both accept the same values and give the same messages.
/// </summary>
internal sealed class RowReader(FactKind kind, ImportBatch batch, ImportBounds bounds)
{
    private readonly Dictionary<string, int> _firstLineOfKey = new(StringComparer.Ordinal);

    /// <summary>Reads a row from <paramref name="cell"/> (the trimmed cell of a column, null when empty) into the batch, or records why not.</summary>
    public void Read(int line, Func<string, string?> cell)
    {
        var ok = true;
        void Fail(string column, string? value, string message)
        {
            ok = false;
            batch.Errors.Add(kind.File, line, column, value, message);
        }

        var columns = kind.Columns;
        var values = new object?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var raw = cell(column.Name);
            if (raw is null)
            {
                if (column.Required)
                {
                    Fail(column.Name, "", $"{column.Name} is required but empty.");
                }
                values[i] = column.Default;
            }
            else if (column.Type.TryParse(column.Name, raw, out var value, out var error))
            {
                values[i] = value;
            }
            else
            {
                Fail(column.Name, raw, error!);
            }
        }
        var row = new RowValues(kind, values);
        var ticker = kind.Has("ticker") ? row.Get<string?>("ticker") : null;
        if (ticker is not null && kind.Declares != FactRef.Company)
        {
            batch.References.Add(new RowReferences(kind.File, line, ticker, Refers(values, FactRef.Site), Refers(values, FactRef.Contract),
                Refers(values, FactRef.Tranche)));
        }
        kind.Check?.Invoke(row, new RowChecker(bounds, cell, Fail));

        var key = new string?[kind.Key.Count];
        for (var i = 0; i < key.Length; i++)
        {
            var column = kind.Column(kind.Key[i]);
            key[i] = column.Type.Format(values[kind.IndexOf(column.Name)]);
            if (key[i] is null)
            {
                return;
            }
        }
        if (_firstLineOfKey.TryGetValue(string.Join('\u001f', key), out var first))
        {
            Fail(string.Join(", ", kind.Key), string.Join(", ", key),
                $"Duplicate key: line {first} has the same {string.Join(", ", kind.Key)}. Each key may appear only once in {kind.File}.");
            return;
        }
        _firstLineOfKey.Add(string.Join('\u001f', key), line);
        Declare(ticker, key[^1]!);
        if (ok)
        {
            kind.Add(batch, kind.Build(row, line));
        }
    }

    private string? Refers(object?[] values, FactRef target)
    {
        for (var i = 0; i < kind.Columns.Count; i++)
        {
            if (kind.Columns[i].Refers == target)
            {
                return (string?)values[i];
            }
        }
        return null;
    }

    private void Declare(string? ticker, string code)
    {
        var keys = batch.DeclaredKeys;
        switch (kind.Declares)
        {
            case FactRef.Company:
                keys.AddCompany(code);
                break;
            case FactRef.Site:
                keys.AddSite(ticker!, code);
                break;
            case FactRef.Contract:
                keys.AddContract(ticker!, code);
                break;
            case FactRef.Tranche:
                keys.AddTranche(ticker!, code);
                break;
        }
    }
}
