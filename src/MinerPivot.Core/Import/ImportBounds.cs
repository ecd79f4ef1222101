namespace MinerPivot.Core.Import;

/// <summary>
/// Plausibility bounds shared by imports and forms (both read rows through the same <see cref="RowReader"/>): a value outside
/// them is refused like any bad cell, naming file, line, column and value. The fixed bounds are far outside anything
/// real, so they only stop typing errors (9999-12-31, a missing decimal point) from reaching the signposts; the rate
/// bounds are a setting (section "Import").
/// </summary>
public sealed class ImportBounds
{
    public const string SectionName = "Import";

    public static readonly DateOnly EarliestDate = new(1990, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);
    public const decimal MaxMwPerRow = 100_000m;
    public const decimal MaxMoneyPerRowUsd = 1_000_000_000_000m;
    public const decimal MaxBtcPriceUsd = 10_000_000m;

    public static ImportBounds Default { get; } = new();

    /// <summary>A contract's annualized revenue per contracted MW must be at least this (USD per MW-year). Default $0.1M.</summary>
    public decimal MinRevenuePerMwYearUsd { get; set; } = 100_000m;

    /// <summary>…and at most this. Default $50M, above IREN's GPU-cloud deal at about $9.7M per MW-year.</summary>
    public decimal MaxRevenuePerMwYearUsd { get; set; } = 50_000_000m;

    public static bool IsPlausible(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinRevenuePerMwYearUsd < 0m) errors.Add($"{nameof(MinRevenuePerMwYearUsd)} must not be negative.");
        if (MaxRevenuePerMwYearUsd <= MinRevenuePerMwYearUsd) errors.Add($"{nameof(MaxRevenuePerMwYearUsd)} must be above {nameof(MinRevenuePerMwYearUsd)}.");
        return errors;
    }
}
