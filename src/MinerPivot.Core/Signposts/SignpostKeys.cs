namespace MinerPivot.Core.Signposts;

/// <summary>The stable keys of the signposts in PRODUCT.md ("Signposts"). Stored with alerts; never rename.</summary>
public static class SignpostKeys
{
    public const string ColocationMomentum = "colocation_momentum";
    public const string BillableMwTarget = "billable_mw_target";
    public const string ContractDelivery = "contract_delivery";
    public const string RfsSlippage = "rfs_slippage";
    public const string MiningMargin = "mining_margin";
    public const string RevenueVisibility = "revenue_visibility";
    public const string SpeedToCash = "speed_to_cash";
    public const string DemandIntegrity = "demand_integrity";

    /// <summary>All keys in the order the engine emits them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ColocationMomentum, BillableMwTarget, ContractDelivery, RfsSlippage,
        MiningMargin, RevenueVisibility, SpeedToCash, DemandIntegrity,
    ];

    /// <summary>The name users read for <paramref name="key"/> (e.g. "RFS slippage"); an unknown key is returned as is.</summary>
    public static string TitleOf(string key) => key switch
    {
        ColocationMomentum => "Colocation momentum",
        BillableMwTarget => "Billable MW target",
        ContractDelivery => "Contract delivery",
        RfsSlippage => "RFS slippage",
        MiningMargin => "Mining margin",
        RevenueVisibility => "Revenue visibility",
        SpeedToCash => "Speed to cash",
        DemandIntegrity => "Demand integrity",
        _ => key,
    };

    /// <summary>Validation signposts support the re-rating; the others are risk signposts.</summary>
    public static SignpostKind KindOf(string key) => key switch
    {
        RfsSlippage or MiningMargin or DemandIntegrity => SignpostKind.Risk,
        ColocationMomentum or BillableMwTarget or ContractDelivery or RevenueVisibility or SpeedToCash => SignpostKind.Validation,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown signpost key."),
    };
}
