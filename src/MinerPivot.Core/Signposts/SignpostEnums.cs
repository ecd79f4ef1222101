using System.Text.Json.Serialization;

namespace MinerPivot.Core.Signposts;

/// <summary>Validation signposts support the re-rating; risk signposts break it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SignpostKind>))]
public enum SignpostKind
{
    [JsonStringEnumMemberName("validation")] Validation,
    [JsonStringEnumMemberName("risk")] Risk,
}

/// <summary>The status words of PRODUCT.md. JSON uses the wire words (<c>on_track</c>, <c>no_data</c>…).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SignpostStatus>))]
public enum SignpostStatus
{
    [JsonStringEnumMemberName("met")] Met,
    [JsonStringEnumMemberName("on_track")] OnTrack,
    [JsonStringEnumMemberName("at_risk")] AtRisk,
    [JsonStringEnumMemberName("missed")] Missed,
    [JsonStringEnumMemberName("breached")] Breached,
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("no_data")] NoData,
}

/// <summary>How badly a tranche's RFS slipped. Ordered: a higher value is worse.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SlipSeverity>))]
public enum SlipSeverity
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("minor")] Minor,
    [JsonStringEnumMemberName("major")] Major,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>The headline a PM reads per company.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("rerating_supported")] ReratingSupported,
    [JsonStringEnumMemberName("watch")] Watch,
    [JsonStringEnumMemberName("reverting_to_miner")] RevertingToMiner,
    [JsonStringEnumMemberName("insufficient_data")] InsufficientData,
    /// <summary>The company's facts could not be evaluated; <see cref="CompanyEvaluation.Failure"/> says why.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>How a user-defined indicator rule compares the latest value with its threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndicatorComparison>))]
public enum IndicatorComparison
{
    /// <summary>Fires when the latest value is strictly greater than the threshold.</summary>
    [JsonStringEnumMemberName("above")] Above,
    /// <summary>Fires when the latest value is strictly less than the threshold.</summary>
    [JsonStringEnumMemberName("below")] Below,
}

/// <summary>Wire words (as in PRODUCT.md, the API and the database) for the signpost enums, both ways.</summary>
public static class SignpostWire
{
    public static string ToWire(this SignpostKind kind) => kind switch
    {
        SignpostKind.Validation => "validation",
        SignpostKind.Risk => "risk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToWire(this SignpostStatus status) => status switch
    {
        SignpostStatus.Met => "met",
        SignpostStatus.OnTrack => "on_track",
        SignpostStatus.AtRisk => "at_risk",
        SignpostStatus.Missed => "missed",
        SignpostStatus.Breached => "breached",
        SignpostStatus.Ok => "ok",
        SignpostStatus.NoData => "no_data",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWire(this SlipSeverity severity) => severity switch
    {
        SlipSeverity.None => "none",
        SlipSeverity.Minor => "minor",
        SlipSeverity.Major => "major",
        SlipSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static string ToWire(this Verdict verdict) => verdict switch
    {
        Verdict.ReratingSupported => "rerating_supported",
        Verdict.Watch => "watch",
        Verdict.RevertingToMiner => "reverting_to_miner",
        Verdict.InsufficientData => "insufficient_data",
        Verdict.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string ToWire(this IndicatorComparison comparison) => comparison switch
    {
        IndicatorComparison.Above => "above",
        IndicatorComparison.Below => "below",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
    };

    public static bool TryParseStatus(string? wire, out SignpostStatus status) => TryParse(wire, s => s.ToWire(), out status);

    public static bool TryParseSeverity(string? wire, out SlipSeverity severity) => TryParse(wire, s => s.ToWire(), out severity);

    public static bool TryParseVerdict(string? wire, out Verdict verdict) => TryParse(wire, v => v.ToWire(), out verdict);

    public static bool TryParseKind(string? wire, out SignpostKind kind) => TryParse(wire, k => k.ToWire(), out kind);

    private static bool TryParse<T>(string? wire, Func<T, string> toWire, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(toWire(candidate), wire, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
