namespace MinerPivot.Core.Import;

/// <summary>
/// Rows per file: inserted, updated, and unchanged (for the append-only contract_events and rfs_revisions:
/// identical rows skipped). In a preview, what an import would do.
/// </summary>
public sealed record ImportFileCounts(string File, int Inserted, int Updated, int Unchanged)
{
    public int Total => Inserted + Updated + Unchanged;
}

/// <summary>
/// The outcome of an import or a preview. When <see cref="Errors"/> is not empty nothing was written and
/// <see cref="Files"/> is empty for an import (a preview still counts its valid rows).
/// </summary>
public sealed record ImportResult(bool IsPreview, IReadOnlyList<ImportFileCounts> Files, IReadOnlyList<ImportError> Errors, int ErrorCount)
{
    public bool Succeeded => ErrorCount == 0;

    public ImportFileCounts? For(string file) => Files.FirstOrDefault(f => f.File == file);
}
