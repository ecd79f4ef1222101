using System.Globalization;

namespace MinerPivot.Core.Text;

/// <summary>How figures read wherever people see them (pages, webhooks): money compact ($77.5M), quarters by calendar.</summary>
public static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Compact USD: $77.5M, $1.2B, $950K, −$3.1M; "—" for null.</summary>
    public static string Money(decimal? usd)
    {
        if (usd is not { } v)
        {
            return "—";
        }
        var sign = v < 0 ? "−" : "";
        var a = Math.Abs(v);
        return sign + (a switch
        {
            >= 1_000_000_000_000m => "$" + (a / 1_000_000_000_000m).ToString("0.##", Invariant) + "T",
            >= 1_000_000_000m => "$" + (a / 1_000_000_000m).ToString("0.##", Invariant) + "B",
            >= 1_000_000m => "$" + (a / 1_000_000m).ToString("0.#", Invariant) + "M",
            >= 1_000m => "$" + (a / 1_000m).ToString("0.#", Invariant) + "K",
            _ => "$" + a.ToString("0.##", Invariant),
        });
    }

    /// <summary>The calendar quarter a period end falls in, e.g. "2026 Q1" (cross-company views align on it).</summary>
    public static string CalendarQuarter(DateOnly periodEnd) => $"{periodEnd.Year} Q{(periodEnd.Month - 1) / 3 + 1}";
}
