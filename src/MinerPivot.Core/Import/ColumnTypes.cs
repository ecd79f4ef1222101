using System.Globalization;
using System.Text.RegularExpressions;
using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Import;

/// <summary>
/// How a column's cell is read and written. An import and a form read a cell with the same <see cref="TryParse"/>, so
/// they accept the same values and refuse the others with the same message (which starts with the column's name).
/// </summary>
public abstract class ColumnType
{
    /// <summary>Reads a non-empty, trimmed cell: its typed value, or the reason it is refused.</summary>
    public abstract bool TryParse(string column, string cell, out object? value, out string? error);

    /// <summary>The value as an export writes it (null for an empty cell).</summary>
    public abstract string? Format(object? value);

    protected static bool Refuse(string message, out object? value, out string? error)
    {
        value = null;
        error = message;
        return false;
    }

    protected static bool Accept(object value, out object? result, out string? error)
    {
        result = value;
        error = null;
        return true;
    }
}

/// <summary>Free text of at most <see cref="MaxLength"/> characters (PostgreSQL counts characters, not UTF-16 units).</summary>
public sealed class TextColumn(int maxLength) : ColumnType
{
    public int MaxLength { get; } = maxLength;

    public override bool TryParse(string column, string cell, out object? value, out string? error)
    {
        if (cell.Contains('\0'))
        {
            return Refuse($"{column} contains a NUL character, which cannot be stored.", out value, out error);
        }
        if (cell.Length > MaxLength && cell.EnumerateRunes().Count() is var characters && characters > MaxLength)
        {
            return Refuse($"{column} is {characters} characters long; at most {MaxLength} are allowed.", out value, out error);
        }
        return Accept(cell, out value, out error);
    }

    public override string? Format(object? value) => (string?)value;
}

public sealed partial class TickerColumn : ColumnType
{
    public static TickerColumn Instance { get; } = new();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.-]{0,9}$")]
    private static partial Regex Pattern();

    public override bool TryParse(string column, string cell, out object? value, out string? error) =>
        Pattern().IsMatch(cell)
            ? Accept(cell, out value, out error)
            : Refuse($"{column} must be 1–{Limits.Ticker} upper-case characters (letters A–Z, digits, '.' or '-').", out value, out error);

    public override string? Format(object? value) => (string?)value;
}

/// <summary>A decimal under a <see cref="NumberRule"/>; money is written in whole dollars or with both cents.</summary>
public sealed class NumberColumn(NumberRule rule, bool money = false) : ColumnType
{
    public NumberRule Rule { get; } = rule;
    public bool IsMoney { get; } = money;

    public override bool TryParse(string column, string cell, out object? value, out string? error)
    {
        if (!decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return Refuse($"{column} is not a number. Write numbers like 1234.5, without thousands separators, units or currency signs.", out value, out error);
        }
        if (number < 0 && !Rule.AllowNegative)
        {
            return Refuse($"{column} is negative; {Rule.Measure} cannot be negative.", out value, out error);
        }
        if (decimal.Round(number, Rule.Scale) != number)
        {
            return Refuse($"{column} has more than {Rule.Scale} decimal places; {Rule.Measure} is stored with {Rule.Scale}.", out value, out error);
        }
        if (Math.Abs(number) >= PowerOfTen(Rule.IntegerDigits))
        {
            return Refuse($"{column} is too large: {Rule.Measure} has at most {Rule.IntegerDigits} digits before the decimal point.", out value, out error);
        }
        if (Rule.Max is { } max && number > max)
        {
            return Refuse($"{column} is implausibly large: {Rule.Measure} per row is at most {max.ToString("#,##0", CultureInfo.InvariantCulture)}.",
                out value, out error);
        }
        return Accept(number, out value, out error);
    }

    public override string? Format(object? value) => value is decimal d ? IsMoney ? ImportValueFormat.Money(d) : ImportValueFormat.Number(d) : null;

    private static decimal PowerOfTen(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }
        return result;
    }
}

/// <summary>An ISO date (YYYY-MM-DD) within <see cref="ImportBounds"/>' plausible range.</summary>
public sealed class DateColumn : ColumnType
{
    public static DateColumn Instance { get; } = new();

    public override bool TryParse(string column, string cell, out object? value, out string? error)
    {
        if (!TryParseIsoDate(cell, out var date))
        {
            return Refuse($"{column} is not a date in the form YYYY-MM-DD.", out value, out error);
        }
        if (!ImportBounds.IsPlausible(date))
        {
            return Refuse($"{column} is outside the plausible range {ImportBounds.EarliestDate:yyyy-MM-dd} to {ImportBounds.LatestDate:yyyy-MM-dd}.",
                out value, out error);
        }
        return Accept(date, out value, out error);
    }

    public override string? Format(object? value) => value is DateOnly d ? ImportValueFormat.Date(d) : null;

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
}

/// <summary>A month number, 1 to 12.</summary>
public sealed class MonthColumn : ColumnType
{
    public static MonthColumn Instance { get; } = new();

    public override bool TryParse(string column, string cell, out object? value, out string? error) =>
        int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            ? Accept(month, out value, out error)
            : Refuse($"{column} must be a month number from 1 to 12.", out value, out error);

    public override string? Format(object? value) => value is int m ? m.ToString(CultureInfo.InvariantCulture) : null;
}

/// <summary>A word of the format for an enum (see <see cref="ImportVocabulary"/>), in any case.</summary>
public abstract class WordColumn : ColumnType
{
    public abstract IReadOnlyList<string> Words { get; }
}

public sealed class WordColumn<TEnum> : WordColumn where TEnum : struct, Enum
{
    public static WordColumn<TEnum> Instance { get; } = new();

    public override IReadOnlyList<string> Words => ImportVocabulary.AllWords<TEnum>();

    public override bool TryParse(string column, string cell, out object? value, out string? error) =>
        ImportVocabulary.TryParse<TEnum>(cell, out var word)
            ? Accept(word, out value, out error)
            : Refuse($"{column} '{cell}' is not one of: {string.Join(", ", Words)}.", out value, out error);

    public override string? Format(object? value) => value is TEnum e ? ImportVocabulary.Word(e) : null;
}
