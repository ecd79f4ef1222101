using System.Collections.Frozen;
using System.Globalization;
using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Import;

/// <summary>The ten files of DATA-FORMAT.md by name; their columns, keys and rules are in <see cref="FactKinds"/>.</summary>
public static class ImportFormat
{
    public const string Companies = "companies.csv";
    public const string Sites = "sites.csv";
    public const string Contracts = "contracts.csv";
    public const string ContractEvents = "contract_events.csv";
    public const string Tranches = "tranches.csv";
    public const string RfsRevisions = "rfs_revisions.csv";
    public const string Quarterly = "quarterly.csv";
    public const string BtcPrices = "btc_prices.csv";
    public const string Targets = "targets.csv";
    public const string Indicators = "indicators.csv";

    /// <summary>10 MiB per file.</summary>
    public const long MaxFileBytes = 10L * 1024 * 1024;

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The files in dependency order: parents before the rows that refer to them.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [.. FactKinds.All.Select(k => k.File)];

    /// <summary>The canonical file name for a name given in any case (a folder part is ignored), or null if it is not one of the ten.</summary>
    public static string? CanonicalName(string fileName) => FactKinds.Find(fileName)?.File;

    /// <summary>The columns of a file, in the order an export writes them.</summary>
    public static IReadOnlyList<string> ColumnsOf(string file) => FactKinds.Of(file).ColumnNames;

    /// <summary>The columns whose cells must not be empty.</summary>
    public static IReadOnlySet<string> RequiredColumnsOf(string file) => FactKinds.Of(file).Required;

    /// <summary>The natural key: what an upsert matches on and what must be unique within the file.</summary>
    public static IReadOnlyList<string> KeyOf(string file) => FactKinds.Of(file).Key;

    internal static int OrderOf(string file)
    {
        for (var i = 0; i < FileNames.Count; i++)
        {
            if (string.Equals(FileNames[i], file, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>
/// The rules of a number column: what it measures (for messages), whether it may be negative, the database column's
/// precision and scale (so that a value is either stored exactly or refused) and the plausible maximum per row.
/// </summary>
public sealed record NumberRule(string Measure, int Precision, int Scale, bool AllowNegative, decimal? Max = null)
{
    public static readonly NumberRule Mw = new("MW", 12, 3, AllowNegative: false, ImportBounds.MaxMwPerRow);
    public static readonly NumberRule Money = new("money", 18, 2, AllowNegative: false, ImportBounds.MaxMoneyPerRowUsd);
    /// <summary>A BTC price or a cost per BTC.</summary>
    public static readonly NumberRule Price = new("a BTC price or cost", 18, 2, AllowNegative: false, ImportBounds.MaxBtcPriceUsd);
    public static readonly NumberRule Btc = new("a BTC amount", 14, 4, AllowNegative: false);
    public static readonly NumberRule Years = new("a term in years", 6, 2, AllowNegative: false);
    /// <summary>Targets are billable MW.</summary>
    public static readonly NumberRule TargetValue = new("a target", 18, 3, AllowNegative: false, ImportBounds.MaxMwPerRow);
    public static readonly NumberRule Indicator = new("an indicator value", 24, 6, AllowNegative: true);

    public int IntegerDigits => Precision - Scale;
}

/// <summary>The words of the format for the domain's enums: snake_case of the C# name (ReadyForService ↔ ready_for_service).</summary>
public static class ImportVocabulary
{
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => Words<TEnum>.ByValue[value];

    public static bool TryParse<TEnum>(string word, out TEnum value) where TEnum : struct, Enum =>
        Words<TEnum>.ByWord.TryGetValue(word, out value);

    public static TEnum Parse<TEnum>(string word) where TEnum : struct, Enum =>
        TryParse<TEnum>(word, out var value) ? value : throw new FormatException($"'{word}' is not one of: {string.Join(", ", AllWords<TEnum>())}.");

    public static IReadOnlyList<string> AllWords<TEnum>() where TEnum : struct, Enum => Words<TEnum>.InOrder;

    private static class Words<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => SnakeCase(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByWord =
            ByValue.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

        public static readonly IReadOnlyList<string> InOrder = [.. Enum.GetValues<TEnum>().Select(v => ByValue[v])];
    }

    private static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}

/// <summary>How values are written: invariant, dates ISO, no trailing zeros, money in whole dollars or with cents.</summary>
public static class ImportValueFormat
{
    public static string Date(DateOnly date) => date.ToString(ImportFormat.DateFormat, CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary>The shortest exact form: 590.000 → 590, 12.500 → 12.5.</summary>
    public static string Number(decimal value) =>
        value == 0 ? "0" : value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value is { } v ? Number(v) : null;

    /// <summary>Whole dollars when there are no cents (77500000), otherwise with both cents (42830.90).</summary>
    public static string Money(decimal value) =>
        decimal.Truncate(value) == value ? Number(value) : value.ToString("0.00##########################", CultureInfo.InvariantCulture);

    public static string? Money(decimal? value) => value is { } v ? Money(v) : null;
}
