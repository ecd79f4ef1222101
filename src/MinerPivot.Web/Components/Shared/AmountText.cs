using System.Globalization;
using System.Text.RegularExpressions;

namespace MinerPivot.Web.Components.Shared;

/// <summary>
/// Numbers as people type them: money as 77.5M, 77,500,000, $1.2B or 42,830.90; quantities as 1,300 or 243.5.
/// Whether the value may be negative or how many decimals it may have is for the importer's rules to say.
/// </summary>
public static partial class AmountText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (string Suffix, decimal Scale)[] Scales =
    [
        ("thousand", 1_000m), ("million", 1_000_000m), ("billion", 1_000_000_000m), ("trillion", 1_000_000_000_000m),
        ("mm", 1_000_000m), ("mn", 1_000_000m), ("bn", 1_000_000_000m), ("tn", 1_000_000_000_000m),
        ("k", 1_000m), ("m", 1_000_000m), ("b", 1_000_000_000m), ("t", 1_000_000_000_000m),
    ];

    [GeneratedRegex(@"^(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\d+,\d{1,2}$")]
    private static partial Regex DecimalComma();

    /// <summary>Parses <paramref name="text"/>; an empty text is null (not reported). On failure, <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, bool money, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        var s = (text ?? "").Trim();
        if (s.Length == 0)
        {
            return true;
        }
        var original = s;
        s = s.Replace('\u2212', '-').Replace("\u00a0", "").Replace("\u2009", "").Replace(" ", "").Replace("_", "");
        var negative = false;
        if (s.StartsWith('(') && s.EndsWith(')'))
        {
            negative = true;
            s = s[1..^1];
        }
        if (s.StartsWith('-'))
        {
            negative = !negative;
            s = s[1..];
        }
        else if (s.StartsWith('+'))
        {
            s = s[1..];
        }
        var scale = 1m;
        if (money)
        {
            s = StripAffix(s, "US$", "USD", "$");
            if (s.StartsWith('-') && !negative)
            {
                negative = true;
                s = s[1..];
            }
            foreach (var (suffix, factor) in Scales)
            {
                if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    s = s[..^suffix.Length];
                    scale = factor;
                    break;
                }
            }
        }
        if (DecimalComma().IsMatch(s))
        {
            error = $"'{original}' uses a comma for decimals. Write a point: {s.Replace(',', '.')}.";
            return false;
        }
        if (s.Length == 0 || s == "." || !Digits().IsMatch(s) ||
            !decimal.TryParse(s.Replace(",", ""), NumberStyles.AllowDecimalPoint, Invariant, out var number))
        {
            error = money
                ? $"'{original}' is not an amount. Write it like 77.5M, 77,500,000 or $1.2B."
                : $"'{original}' is not a number. Write it like 1,300 or 243.5.";
            return false;
        }
        try
        {
            value = (negative ? -number : number) * scale;
        }
        catch (OverflowException)
        {
            error = $"'{original}' is too large.";
            return false;
        }
        return true;
    }

    private static string StripAffix(string s, params string[] affixes)
    {
        foreach (var affix in affixes)
        {
            if (s.StartsWith(affix, StringComparison.OrdinalIgnoreCase))
            {
                return s[affix.Length..];
            }
            if (s.EndsWith(affix, StringComparison.OrdinalIgnoreCase) && s.Length > affix.Length)
            {
                return s[..^affix.Length];
            }
        }
        return s;
    }

    /// <summary>Money in full, with thousands separators: 77,500,000 or 42,830.90 (every decimal shown, so nothing is hidden).</summary>
    public static string Money(decimal? value) => value is not { } v ? ""
        : decimal.Truncate(v) == v ? v.ToString("#,0", Invariant) : v.ToString("#,0.00##########", Invariant);

    /// <summary>A quantity in full, with thousands separators: 1,300 or 243.5.</summary>
    public static string Quantity(decimal? value) => value is not { } v ? "" : v.ToString("#,0.##########", Invariant);
}
