using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Import;

/// <summary>
/// Reads the files of an import into typed rows, checking each file on its own: names, size, encoding, header,
/// required values, numbers, dates, words, lengths, per-row rules and duplicate keys. References between files
/// are checked by <see cref="ImportValidator"/>.
/// </summary>
public static partial class ImportReader
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

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.-]{0,9}$")]
    private static partial Regex TickerPattern();

    private sealed class FileParser(string file, byte[] bytes, ImportBatch batch, ImportBounds bounds)
    {
        private readonly ImportFormat.FileSpec _spec = ImportFormat.Spec(file);
        private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<object, int> _firstLineOfKey = [];
        private CsvReader _reader = null!;
        private int _headerFieldCount;
        private int _line;
        private bool _rowOk;

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
            Action readRow = file switch
            {
                ImportFormat.Companies => ReadCompany,
                ImportFormat.Sites => ReadSite,
                ImportFormat.Contracts => ReadContract,
                ImportFormat.ContractEvents => ReadContractEvent,
                ImportFormat.Tranches => ReadTranche,
                ImportFormat.RfsRevisions => ReadRfsRevision,
                ImportFormat.Quarterly => ReadQuarterly,
                ImportFormat.BtcPrices => ReadBtcPrice,
                ImportFormat.Targets => ReadTarget,
                ImportFormat.Indicators => ReadIndicator,
                _ => throw new InvalidOperationException($"No reader for {file}."),
            };
            while (reader.Read())
            {
                _line = checked((int)reader.LineNumber);
                _rowOk = true;
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
                readRow();
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
                    $"{file} is empty. It needs a header row: {string.Join(",", _spec.Columns)}.");
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
                else if (!_spec.Columns.Contains(name))
                {
                    Errors.Add(file, 1, given, null,
                        $"Unknown column '{given}' in {file}. Its columns are: {string.Join(", ", _spec.Columns)}.");
                }
                else if (!_columnIndex.TryAdd(name, i))
                {
                    Errors.Add(file, 1, given, null, $"Column '{name}' appears more than once in the header.");
                }
            }
            var complete = true;
            foreach (var column in _spec.Columns)
            {
                if (_spec.Required.Contains(column) && !_columnIndex.ContainsKey(column))
                {
                    Errors.Add(file, 1, column, null, $"Missing required column '{column}'.");
                    complete = false;
                }
            }
            return complete;
        }

        // ---- cells -------------------------------------------------------------------------------------------

        private void Fail(string column, string? value, string message)
        {
            _rowOk = false;
            Errors.Add(file, _line, column, value, message);
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

        private void CheckRequired(string column)
        {
            if (_spec.Required.Contains(column))
            {
                Fail(column, "", $"{column} is required but empty.");
            }
        }

        private string? Text(string column, int maxLength)
        {
            var value = Raw(column);
            if (value is null)
            {
                CheckRequired(column);
                return null;
            }
            if (value.Contains('\0'))
            {
                Fail(column, value, $"{column} contains a NUL character, which cannot be stored.");
                return null;
            }
            if (value.Length > maxLength)
            {
                // PostgreSQL counts characters, not UTF-16 units.
                var characters = value.EnumerateRunes().Count();
                if (characters > maxLength)
                {
                    Fail(column, value, $"{column} is {characters} characters long; at most {maxLength} are allowed.");
                    return null;
                }
            }
            return value;
        }

        private string? Ticker()
        {
            const string column = "ticker";
            var value = Raw(column);
            if (value is null)
            {
                CheckRequired(column);
                return null;
            }
            if (!TickerPattern().IsMatch(value))
            {
                Fail(column, value,
                    $"ticker must be 1–{Limits.Ticker} upper-case characters (letters A–Z, digits, '.' or '-').");
                return null;
            }
            return value;
        }

        private decimal? Number(string column, NumberRule rule)
        {
            var value = Raw(column);
            if (value is null)
            {
                CheckRequired(column);
                return null;
            }
            if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                Fail(column, value, $"{column} is not a number. Write numbers like 1234.5, without thousands separators, units or currency signs.");
                return null;
            }
            if (number < 0 && !rule.AllowNegative)
            {
                Fail(column, value, $"{column} is negative; {rule.Measure} cannot be negative.");
                return null;
            }
            if (decimal.Round(number, rule.Scale) != number)
            {
                Fail(column, value, $"{column} has more than {rule.Scale} decimal places; {rule.Measure} is stored with {rule.Scale}.");
                return null;
            }
            if (Math.Abs(number) >= PowerOfTen(rule.IntegerDigits))
            {
                Fail(column, value, $"{column} is too large: {rule.Measure} has at most {rule.IntegerDigits} digits before the decimal point.");
                return null;
            }
            if (rule.Max is { } max && number > max)
            {
                Fail(column, value, $"{column} is implausibly large: {rule.Measure} per row is at most {max.ToString("#,##0", CultureInfo.InvariantCulture)}.");
                return null;
            }
            return number;
        }

        private static decimal PowerOfTen(int exponent)
        {
            var result = 1m;
            for (var i = 0; i < exponent; i++)
            {
                result *= 10;
            }
            return result;
        }

        private DateOnly? Date(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                CheckRequired(column);
                return null;
            }
            if (!TryParseIsoDate(value, out var date))
            {
                Fail(column, value, $"{column} is not a date in the form YYYY-MM-DD.");
                return null;
            }
            if (!ImportBounds.IsPlausible(date))
            {
                Fail(column, value, $"{column} is outside the plausible range {ImportBounds.EarliestDate:yyyy-MM-dd} to {ImportBounds.LatestDate:yyyy-MM-dd}.");
                return null;
            }
            return date;
        }

        /// <summary>Exactly YYYY-MM-DD (a hot path: every row has dates).</summary>
        private static bool TryParseIsoDate(string value, out DateOnly date)
        {
            date = default;
            if (value.Length != 10 || value[4] != '-' || value[7] != '-' ||
                !TryDigits(value.AsSpan(0, 4), out var year) || !TryDigits(value.AsSpan(5, 2), out var month) || !TryDigits(value.AsSpan(8, 2), out var day) ||
                year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }
            date = new DateOnly(year, month, day);
            return true;
        }

        private static bool TryDigits(ReadOnlySpan<char> text, out int value)
        {
            value = 0;
            foreach (var c in text)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            return true;
        }

        private int? Month(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                CheckRequired(column);
                return null;
            }
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            {
                Fail(column, value, $"{column} must be a month number from 1 to 12.");
                return null;
            }
            return month;
        }

        private TEnum? Word<TEnum>(string column) where TEnum : struct, Enum
        {
            var value = Raw(column);
            if (value is null)
            {
                CheckRequired(column);
                return null;
            }
            if (!ImportVocabulary.TryParse<TEnum>(value, out var word))
            {
                Fail(column, value, $"{column} '{value}' is not one of: {string.Join(", ", ImportVocabulary.AllWords<TEnum>())}.");
                return null;
            }
            return word;
        }

        /// <summary>False (with an error) when an earlier row of the file has the same natural key.</summary>
        private bool Unique(object key, params string?[] parts)
        {
            if (_firstLineOfKey.TryGetValue(key, out var first))
            {
                Fail(string.Join(", ", _spec.Key), string.Join(", ", parts),
                    $"Duplicate key: line {first} has the same {string.Join(", ", _spec.Key)}. Each key may appear only once in {file}.");
                return false;
            }
            _firstLineOfKey.Add(key, _line);
            return true;
        }

        private void Refer(string? ticker, string? site = null, string? contract = null, string? tranche = null)
        {
            if (ticker is not null)
            {
                batch.References.Add(new RowReferences(file, _line, ticker, site, contract, tranche));
            }
        }

        // ---- rows --------------------------------------------------------------------------------------------

        private void ReadCompany()
        {
            var ticker = Ticker();
            var name = Text("name", Limits.CompanyName);
            var month = Month("fiscal_year_end_month");
            if (ticker is null || !Unique(ticker, ticker))
            {
                return;
            }
            batch.DeclaredKeys.AddCompany(ticker);
            if (_rowOk)
            {
                batch.Companies.Add(new CompanyRow(ticker, name!, month!.Value) { Line = _line });
            }
        }

        private void ReadSite()
        {
            var ticker = Ticker();
            var site = Text("site", Limits.SiteName);
            var location = Text("location", Limits.Location);
            var acquiredOn = Date("acquired_on");
            var grossMw = Number("gross_mw", NumberRule.Mw);
            var criticalItMw = Number("critical_it_mw", NumberRule.Mw);
            var source = Text("source", Limits.Source);
            Refer(ticker);
            if (ticker is null || site is null || !Unique((ticker, site), ticker, site))
            {
                return;
            }
            batch.DeclaredKeys.AddSite(ticker, site);
            if (_rowOk)
            {
                batch.Sites.Add(new SiteRow(ticker, site, location!, acquiredOn, grossMw!.Value, criticalItMw, source!) { Line = _line });
            }
        }

        private void ReadContract()
        {
            var ticker = Ticker();
            var contract = Text("contract", Limits.ContractCode);
            var customer = Text("customer", Limits.Customer);
            var contractedMw = Number("contracted_mw", NumberRule.Mw);
            var termYears = Number("term_years", NumberRule.Years);
            var totalValue = Number("total_value_usd", NumberRule.Money);
            var annualizedRevenue = Number("annualized_revenue_usd", NumberRule.Money);
            var signedOn = Date("signed_on");
            var fullDeliveryBy = Date("full_delivery_by");
            var source = Text("source", Limits.Source);
            Refer(ticker);
            if (ticker is null || contract is null || !Unique((ticker, contract), ticker, contract))
            {
                return;
            }
            batch.DeclaredKeys.AddContract(ticker, contract);
            if (annualizedRevenue is { } revenue && contractedMw is { } mw && mw > 0m)
            {
                var perMw = revenue / mw;
                if (perMw < bounds.MinRevenuePerMwYearUsd || perMw > bounds.MaxRevenuePerMwYearUsd)
                {
                    Fail("annualized_revenue_usd", Raw("annualized_revenue_usd"),
                        $"annualized_revenue_usd over contracted_mw is {perMw.ToString("#,##0", CultureInfo.InvariantCulture)} USD per MW-year, " +
                        $"outside the plausible {bounds.MinRevenuePerMwYearUsd.ToString("#,##0", CultureInfo.InvariantCulture)}–" +
                        $"{bounds.MaxRevenuePerMwYearUsd.ToString("#,##0", CultureInfo.InvariantCulture)}.");
                }
            }
            if (_rowOk)
            {
                batch.Contracts.Add(new ContractRow(ticker, contract, customer!, contractedMw!.Value, termYears, totalValue,
                    annualizedRevenue, signedOn!.Value, fullDeliveryBy, source!) { Line = _line });
            }
        }

        private void ReadContractEvent()
        {
            var ticker = Ticker();
            var contract = Text("contract", Limits.ContractCode);
            var kind = Word<ContractEventKind>("event");
            var eventOn = Date("event_on");
            var mwChange = Number("mw_change", NumberRule.Mw);
            var source = Text("source", Limits.Source);
            Refer(ticker, contract: contract);
            if (ticker is null || contract is null || kind is null || eventOn is null ||
                !Unique((ticker, contract, kind.Value, eventOn.Value), ticker, contract, ImportVocabulary.Word(kind.Value), ImportValueFormat.Date(eventOn.Value)))
            {
                return;
            }
            if (_rowOk)
            {
                batch.ContractEvents.Add(new ContractEventRow(ticker, contract, kind.Value, eventOn.Value, mwChange, source!) { Line = _line });
            }
        }

        private void ReadTranche()
        {
            var ticker = Ticker();
            var site = Text("site", Limits.SiteName);
            var tranche = Text("tranche", Limits.TrancheCode);
            var contract = Text("contract", Limits.ContractCode);
            var customer = Text("customer", Limits.Customer);
            var criticalItMw = Number("critical_it_mw", NumberRule.Mw);
            var status = Word<TrancheStatus>("status");
            var actualRfs = Date("actual_rfs");
            var source = Text("source", Limits.Source);
            Refer(ticker, site: site, contract: contract);
            if (status is { } s)
            {
                var delivered = s is TrancheStatus.ReadyForService or TrancheStatus.Billable;
                var word = ImportVocabulary.Word(s);
                if (delivered && Raw("actual_rfs") is null)
                {
                    Fail("actual_rfs", "", $"status {word} needs actual_rfs, the date the tranche became ready for service.");
                }
                else if (!delivered && actualRfs is not null)
                {
                    Fail("actual_rfs", Raw("actual_rfs"),
                        $"status {word} contradicts actual_rfs: only ready_for_service and billable tranches have an actual RFS date.");
                }
            }
            if (ticker is null || tranche is null || !Unique((ticker, tranche), ticker, tranche))
            {
                return;
            }
            batch.DeclaredKeys.AddTranche(ticker, tranche);
            if (_rowOk)
            {
                batch.Tranches.Add(new TrancheRow(ticker, site!, tranche, contract, customer!, criticalItMw!.Value, status!.Value,
                    actualRfs, source!) { Line = _line });
            }
        }

        private void ReadRfsRevision()
        {
            var ticker = Ticker();
            var tranche = Text("tranche", Limits.TrancheCode);
            var announcedOn = Date("announced_on");
            var rfsDate = Date("rfs_date");
            var source = Text("source", Limits.Source);
            var note = Text("note", Limits.Note);
            Refer(ticker, tranche: tranche);
            if (ticker is null || tranche is null || announcedOn is null ||
                !Unique((ticker, tranche, announcedOn.Value), ticker, tranche, ImportValueFormat.Date(announcedOn.Value)))
            {
                return;
            }
            if (_rowOk)
            {
                batch.RfsRevisions.Add(new RfsRevisionRow(ticker, tranche, announcedOn.Value, rfsDate!.Value, source!, note) { Line = _line });
            }
        }

        private void ReadQuarterly()
        {
            var ticker = Ticker();
            var periodEnd = Date("period_end");
            var fiscalLabel = Text("fiscal_label", Limits.FiscalLabel);
            var reportedOn = Date("reported_on");
            var colocationRevenue = Number("colocation_revenue_usd", NumberRule.Money);
            var miningRevenue = Number("mining_revenue_usd", NumberRule.Money);
            var btcProduced = Number("btc_produced", NumberRule.Btc);
            var cashCost = Number("cash_cost_per_btc_usd", NumberRule.Price);
            var contractedMw = Number("contracted_mw", NumberRule.Mw);
            var energizedMw = Number("energized_mw", NumberRule.Mw);
            var billableMw = Number("billable_mw", NumberRule.Mw);
            var grossPipelineMw = Number("gross_pipeline_mw", NumberRule.Mw);
            var capex = Number("capex_usd", NumberRule.Money);
            var source = Text("source", Limits.Source);
            Refer(ticker);
            if (periodEnd is { } p && reportedOn is { } r && r < p)
            {
                Fail("reported_on", Raw("reported_on"),
                    $"reported_on is before period_end ({ImportValueFormat.Date(p)}); figures are reported after the quarter ends.");
            }
            if (ticker is null || periodEnd is null || !Unique((ticker, periodEnd.Value), ticker, ImportValueFormat.Date(periodEnd.Value)))
            {
                return;
            }
            if (_rowOk)
            {
                batch.Quarterly.Add(new QuarterlyRow(ticker, periodEnd.Value, fiscalLabel!, reportedOn!.Value, colocationRevenue,
                    miningRevenue, btcProduced, cashCost, contractedMw, energizedMw, billableMw, grossPipelineMw, capex, source!) { Line = _line });
            }
        }

        private void ReadBtcPrice()
        {
            var date = Date("date");
            var close = Number("close_usd", NumberRule.Price);
            var source = Text("source", Limits.Source);
            if (date is null || !Unique(date.Value, ImportValueFormat.Date(date.Value)))
            {
                return;
            }
            if (_rowOk)
            {
                batch.BtcPrices.Add(new BtcPriceRow(date.Value, close!.Value, source!) { Line = _line });
            }
        }

        private void ReadTarget()
        {
            var ticker = Ticker();
            var kind = Word<TargetKind>("kind");
            var targetValue = Number("target_value", NumberRule.TargetValue);
            var deadline = Date("deadline");
            var announcedOn = Date("announced_on");
            var source = Text("source", Limits.Source);
            Refer(ticker);
            if (ticker is null || kind is null || deadline is null ||
                !Unique((ticker, kind.Value, deadline.Value), ticker, ImportVocabulary.Word(kind.Value), ImportValueFormat.Date(deadline.Value)))
            {
                return;
            }
            if (_rowOk)
            {
                batch.Targets.Add(new TargetRow(ticker, kind.Value, targetValue!.Value, deadline.Value, announcedOn!.Value, source!) { Line = _line });
            }
        }

        private void ReadIndicator()
        {
            var series = Text("series", Limits.Series);
            var date = Date("date");
            var value = Number("value", NumberRule.Indicator);
            var unit = Text("unit", Limits.Unit);
            var source = Text("source", Limits.Source);
            if (series is null || date is null || !Unique((series, date.Value), series, ImportValueFormat.Date(date.Value)))
            {
                return;
            }
            if (_rowOk)
            {
                batch.Indicators.Add(new IndicatorRow(series, date.Value, value!.Value, unit!, source!) { Line = _line });
            }
        }
    }
}
