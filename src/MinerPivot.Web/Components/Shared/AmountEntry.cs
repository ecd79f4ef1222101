namespace MinerPivot.Web.Components.Shared;

/// <summary>What an amount input holds after an edit: a value (null for empty), or the reason the text is not one.</summary>
public readonly record struct AmountEntry(decimal? Value, string? Error);
