using System.Globalization;

namespace MinerPivot.Core.Signposts;

/// <summary>Rounding and the number formats used in explanations (invariant culture; money compact like $77.5M).</summary>
internal static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Days per average Gregorian month (365.25 / 12), the engine's one definition of a month.</summary>
    public const decimal DaysPerMonth = 30.4375m;

    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static decimal Round4(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Derived figures beyond this magnitude are not computed (null): far above any real figure, far below decimal's
    /// range (7.9e28), so neither a product nor a sum of thousands of such figures can overflow.
    /// </summary>
    public const double Ceiling = 1e24;

    /// <summary>a × b, or null when the product would pass <see cref="Ceiling"/>.</summary>
    public static decimal? Product(decimal a, decimal b) => Math.Abs((double)a * (double)b) < Ceiling ? a * b : null;

    /// <summary>a ÷ b, or null when b is 0 or the quotient would pass <see cref="Ceiling"/>.</summary>
    public static decimal? Quotient(decimal a, decimal b) =>
        b != 0m && Math.Abs((double)a / (double)b) < Ceiling ? a / b : null;

    /// <summary>(to − from) / from in percent, rounded to 2 decimals; null when <paramref name="from"/> is 0.</summary>
    public static decimal? GrowthPct(decimal from, decimal to) =>
        Quotient(to - from, from) is { } ratio && Product(ratio, 100m) is { } pct ? Round2(pct) : null;

    public static string Usd(decimal value)
    {
        var sign = value < 0 ? "-" : "";
        var a = Math.Abs(value);
        if (a >= 1_000_000_000m) return sign + "$" + (a / 1_000_000_000m).ToString("0.##", Inv) + "B";
        if (a >= 1_000_000m) return sign + "$" + (a / 1_000_000m).ToString("0.##", Inv) + "M";
        return sign + "$" + a.ToString(a == decimal.Truncate(a) ? "#,##0" : "#,##0.00", Inv);
    }

    public static string Num(decimal value) => value.ToString("#,##0.####", Inv);

    public static string Mw(decimal value) => Num(value) + " MW";

    public static string Pct(decimal value) => Num(value) + "%";

    public static string SignedPct(decimal value) => (value >= 0 ? "+" : "") + Pct(value);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);

    public static string Days(int days) => days == 1 || days == -1 ? $"{Num(days)} day" : $"{Num(days)} days";
}

/// <summary>Distinct sources in order of first use.</summary>
internal sealed class SourceList
{
    private readonly List<string> _items = [];

    public SourceList Add(string? source)
    {
        if (!string.IsNullOrWhiteSpace(source) && !_items.Contains(source)) _items.Add(source);
        return this;
    }

    public IReadOnlyList<string> ToList() => _items.ToArray();
}
