using System.Globalization;
using MinerPivot.Core.Import;
using MinerPivot.Web.Components.Shared;
using MinerPivot.Web.Features.Admin;

namespace MinerPivot.Web.Components.Admin;

/// <summary>A cell of the import format as a person reads it: $77,500,000, 243 MW IT, under construction, December.</summary>
public static class CellText
{
    public static decimal? Number(string? cell) =>
        decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static string Display(FactField field, string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "—";
        }
        return field.Input switch
        {
            FieldInput.Money => "$" + AmountText.Money(Number(cell)) + (field.Unit is "USD" or null ? "" : $" ({field.Unit})"),
            FieldInput.Quantity => AmountText.Quantity(Number(cell)) + (field.Unit is null ? "" : " " + field.Unit),
            FieldInput.Word => AdminKinds.Display(cell),
            FieldInput.Month => int.TryParse(cell, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? MonthName(m) : cell,
            _ => cell,
        };
    }

    /// <summary>
    /// A typed value as a list shows it, by its column's type: large amounts compact ($77.5M), prices in full
    /// ($97,250), MW with unit, words and months in words, empty as a dash.
    /// </summary>
    public static string List(FactColumn column, object? value) => (column.Type, value) switch
    {
        (_, null) => "—",
        (NumberColumn { IsMoney: true }, decimal usd) => Math.Abs(usd) >= 1_000_000m ? Format.Money(usd) : "$" + AmountText.Money(usd),
        (NumberColumn, decimal mw) when column.Unit?.StartsWith("MW", StringComparison.Ordinal) == true => Format.Mw(mw),
        (NumberColumn, decimal n) => AmountText.Quantity(n) + (column.Unit is null ? "" : " " + column.Unit),
        (MonthColumn, int m) when m is >= 1 and <= 12 => MonthName(m),
        (WordColumn, _) => AdminKinds.Display(column.Type.Format(value) ?? ""),
        _ => column.Type.Format(value) is { Length: > 0 } text ? text : "—",
    };

    public static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    public static string Date(DateOnly? date) => ImportValueFormat.Date(date) ?? "—";
}
