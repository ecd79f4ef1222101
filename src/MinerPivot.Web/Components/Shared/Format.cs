using System.Globalization;

namespace MinerPivot.Web.Components.Shared;

/// <summary>How numbers read on every page: money compact ($77.5M), MW with unit, dates ISO.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal? usd) => MinerPivot.Core.Text.Figures.Money(usd);

    public static string Mw(decimal? mw) => mw is { } v ? v.ToString("#,0.#", Invariant) + " MW" : "—";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant) ?? "—";

    public static string Percent(decimal? pct, bool signed = true) =>
        pct is { } v ? (signed && v > 0 ? "+" : v < 0 ? "−" : "") + Math.Abs(v).ToString("#,0.#", Invariant) + "%" : "—";

    /// <summary>Signed whole days, e.g. "+76 d", "0 d", "−12 d".</summary>
    public static string Days(decimal? days) => days is { } v
        ? (v > 0 ? "+" : v < 0 ? "−" : "") + Math.Abs(Math.Round(v, 0)).ToString("#,0", Invariant) + " d"
        : "—";

    public static string Months(decimal? months) => months is { } v ? v.ToString("#,0.#", Invariant) + " mo" : "—";

    public static string MoneyPerMwYear(decimal? usd) => usd is null ? "—" : Money(usd) + "/MW-yr";

    public static string Number(decimal? value) => value is { } v ? v.ToString("#,0.##", Invariant) : "—";

    /// <summary>A signpost value in its unit (see SignpostUnits).</summary>
    public static string InUnit(decimal? value, string unit) => unit switch
    {
        MinerPivot.Core.Signposts.SignpostUnits.Usd => Money(value),
        MinerPivot.Core.Signposts.SignpostUnits.Mw => Mw(value),
        MinerPivot.Core.Signposts.SignpostUnits.Days => Days(value),
        MinerPivot.Core.Signposts.SignpostUnits.Percent => Percent(value),
        MinerPivot.Core.Signposts.SignpostUnits.Months => Months(value),
        MinerPivot.Core.Signposts.SignpostUnits.UsdPerMwYear => MoneyPerMwYear(value),
        MinerPivot.Core.Signposts.SignpostUnits.Count => value is null ? "—" : value == 0 ? "none flagged" : Number(value) + " flagged",
        _ => Number(value),
    };

    /// <summary>The calendar quarter a period end falls in, e.g. "2026 Q1" (cross-company views align on it).</summary>
    public static string CalendarQuarter(DateOnly periodEnd) => MinerPivot.Core.Text.Figures.CalendarQuarter(periodEnd);

    /// <summary>An ISO date for charts and URLs.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    /// <summary>Parses a ?asOf=YYYY-MM-DD value; null when absent, an error message when malformed.</summary>
    public static (DateOnly? Date, string? Error) ParseAsOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d))
        {
            return (null, $"The as-of date \"{value}\" is not a date in the form YYYY-MM-DD; showing today instead.");
        }
        return MinerPivot.Core.Import.ImportBounds.IsPlausible(d)
            ? (d, null)
            : (null, $"The as-of date {value} is outside {Iso(MinerPivot.Core.Import.ImportBounds.EarliestDate)} to {Iso(MinerPivot.Core.Import.ImportBounds.LatestDate)}; showing today instead.");
    }
}
