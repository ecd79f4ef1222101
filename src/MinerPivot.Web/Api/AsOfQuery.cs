using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MinerPivot.Core.Import;

namespace MinerPivot.Web.Api;

/// <summary>The ?asOf=YYYY-MM-DD parameter, bound as text so that a bad value gets our own message.</summary>
public static class AsOfQuery
{
    public const string Name = "asOf";

    public const string Description = "Use only facts known on this date (YYYY-MM-DD).";

    /// <summary>Parses <paramref name="value"/>; absent or empty is null. False with a 400 problem naming the parameter and the value.</summary>
    public static bool TryParse(string? value, out DateOnly? date, [NotNullWhen(false)] out ValidationProblem? problem)
    {
        date = null;
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        string message;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            message = $"The query parameter '{Name}' must be a date in the form YYYY-MM-DD; '{value}' is not.";
        }
        else if (!ImportBounds.IsPlausible(parsed))
        {
            message = $"The query parameter '{Name}' must lie between {ImportBounds.EarliestDate:yyyy-MM-dd} and {ImportBounds.LatestDate:yyyy-MM-dd}; '{value}' does not.";
        }
        else
        {
            date = parsed;
            return true;
        }
        problem = TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [Name] = [message] },
            detail: message,
            title: $"Invalid '{Name}' date");
        return false;
    }
}
