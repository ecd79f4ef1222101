using MinerPivot.Core.Import;

namespace MinerPivot.Web.Features.Admin;

/// <summary>What the quarter form proposes, so that entering a new quarter mostly means typing its figures.</summary>
public static class QuarterDefaults
{
    /// <summary>The last calendar quarter end before <paramref name="today"/>: the quarter most likely being reported.</summary>
    public static DateOnly LatestPeriodEnd(DateOnly today)
    {
        var quarterStartMonth = (today.Month - 1) / 3 * 3 + 1;
        return new DateOnly(today.Year, quarterStartMonth, 1).AddDays(-1);
    }

    /// <summary>
    /// The company's label for the quarter ending at <paramref name="periodEnd"/>, in the dataset's style: "Q1 2026" for a
    /// calendar fiscal year, "FQ2 2026" otherwise (fiscal year named by the year it ends in).
    /// </summary>
    public static string FiscalLabel(DateOnly periodEnd, int fiscalYearEndMonth)
    {
        var monthsIntoYear = ((periodEnd.Month - fiscalYearEndMonth - 1) % 12 + 12) % 12;
        var quarter = monthsIntoYear / 3 + 1;
        if (fiscalYearEndMonth == 12)
        {
            return $"Q{quarter} {periodEnd.Year}";
        }
        var fiscalYear = periodEnd.Month <= fiscalYearEndMonth ? periodEnd.Year : periodEnd.Year + 1;
        return $"FQ{quarter} {fiscalYear}";
    }

    /// <summary>Figures are usually entered the day they are published: today, but never before the period end.</summary>
    public static DateOnly ReportedOn(DateOnly today, DateOnly periodEnd) => today < periodEnd ? periodEnd : today;

    public static DateOnly? ParseDate(string? cell) =>
        DateOnly.TryParseExact(cell, ImportFormat.DateFormat, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
