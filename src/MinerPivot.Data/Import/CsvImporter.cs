using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using Npgsql;
using NpgsqlTypes;

namespace MinerPivot.Data.Import;

/// <summary>
/// Imports the CSV files of DATA-FORMAT.md: validates everything, then writes all of it in one transaction or nothing.
/// Rows are upserted on their natural keys; contract_events and rfs_revisions are append-only.
/// </summary>
public sealed class CsvImporter(MinerPivotDbContext db, TimeProvider? timeProvider = null, ImportBounds? bounds = null)
{
    /// <summary>Serializes imports: two at once would both insert the same new keys.</summary>
    private const long ImportLockKey = 0x4D50_496D_706F_7274; // "MPImport"

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Validates and, if there are no errors, writes the files and records one audit entry for <paramref name="userName"/>.</summary>
    public Task<ImportResult> ImportAsync(IEnumerable<ImportFile> files, string userName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return RunAsync(files, userName, ct);
    }

    /// <summary>Validates and counts what an import would insert, update or leave unchanged, writing nothing.</summary>
    public Task<ImportResult> PreviewAsync(IEnumerable<ImportFile> files, CancellationToken ct = default) => RunAsync(files, userName: null, ct);

    private async Task<ImportResult> RunAsync(IEnumerable<ImportFile> files, string? userName, CancellationToken ct)
    {
        var preview = userName is null;
        var batch = await ImportReader.ReadAsync(files, bounds ?? ImportBounds.Default, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var bulk = new BulkWriter((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        if (!preview)
        {
            await bulk.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", ct, new NpgsqlParameter("key", ImportLockKey));
        }
        var existing = await ExistingRows.LoadAsync(db, batch.Files, ct);
        ImportValidator.CheckReferences(batch, existing.Keys);
        var plan = ImportPlan.Create(batch, existing);
        var counts = batch.Files.Select(plan.Counts).ToList();
        if (preview || batch.HasErrors)
        {
            return new ImportResult(preview, preview ? counts : [], batch.Errors.ToList(), batch.Errors.Count);
        }

        try
        {
            await new ImportWriter(db, bulk, existing).WriteAsync(plan, ct);
            await WriteAuditAsync(bulk, userName!, batch.Files, counts, ct);
            await transaction.CommitAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            // Validation should leave nothing for a constraint to catch, except a concurrent edit of the same keys.
            var refused = new ImportError("(import)", 0, e.ColumnName, null,
                $"The database refused the import ({e.ConstraintName ?? e.SqlState}: {e.MessageText}). Nothing was written. " +
                "If someone changed the same data meanwhile, import again.");
            return new ImportResult(IsPreview: false, [], [refused], 1);
        }
        return new ImportResult(IsPreview: false, counts, [], 0);
    }

    private async Task WriteAuditAsync(BulkWriter bulk, string userName, IReadOnlyList<string> files, IReadOnlyList<ImportFileCounts> counts,
        CancellationToken ct)
    {
        var audit = new TableMap(db.Model, typeof(AuditEntry));
        var newValues = JsonSerializer.Serialize(counts.ToDictionary(c => c.File, c => new { inserted = c.Inserted, updated = c.Updated, unchanged = c.Unchanged }));
        await bulk.ExecuteAsync(
            $"INSERT INTO {audit.QualifiedName} ({audit.Column(nameof(AuditEntry.At))}, {audit.Column(nameof(AuditEntry.UserName))}, " +
            $"{audit.Column(nameof(AuditEntry.Action))}, {audit.Column(nameof(AuditEntry.EntityType))}, {audit.Column(nameof(AuditEntry.EntityKey))}, " +
            $"{audit.Column(nameof(AuditEntry.NewValues))}) VALUES (@at, @user, 'import', 'import', @key, @new)",
            ct,
            new NpgsqlParameter("at", _time.GetUtcNow()),
            new NpgsqlParameter("user", userName),
            new NpgsqlParameter("key", files.Count == 0 ? "(no files)" : string.Join(", ", files)),
            new NpgsqlParameter("new", NpgsqlDbType.Jsonb) { Value = newValues });
    }
}
