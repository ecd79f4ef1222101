namespace MinerPivot.Core.Import;

/// <summary>One uploaded file: its name (companies.csv, sites.csv…) and its content. The caller owns the stream.</summary>
public sealed record ImportFile(string Name, Stream Content);
