using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;
using Npgsql;

namespace MinerPivot.Web.Features.Admin;

/// <summary>A stored row as a form edits it: its id, its xmin version and its cells in the import format.</summary>
public sealed record FactRecord(string Id, uint Version, IReadOnlyDictionary<string, string?> Cells);

/// <summary>The audit entry that last touched a row, to say who changed it and when.</summary>
public sealed record LastChange(string UserName, DateTimeOffset At, string Action);

public abstract record SaveOutcome
{
    public sealed record Saved(FactRecord Record, bool Created) : SaveOutcome;

    public sealed record Unchanged(FactRecord Record) : SaveOutcome;

    /// <summary>Refused values, each naming its column; <see cref="ExistingId"/> is the row that already has the key.</summary>
    public sealed record Invalid(IReadOnlyList<ImportError> Errors, string? ExistingId = null) : SaveOutcome;

    /// <summary>Someone saved or deleted the row since it was loaded; <see cref="Stored"/> is null when it was deleted.</summary>
    public sealed record Conflict(FactRecord? Stored, LastChange? By) : SaveOutcome;
}

public abstract record DeleteOutcome
{
    public sealed record Deleted(string Key) : DeleteOutcome;

    public sealed record Refused(string Reason) : DeleteOutcome;

    public sealed record Conflict(FactRecord? Stored, LastChange? By) : DeleteOutcome;
}

/// <summary>Who makes a change and when, for the audit trail.</summary>
internal sealed record AuditStamp(string UserName, DateTimeOffset At);

internal interface IFactHandler
{
    AdminKind Kind { get; }
    Task<FactRecord?> LoadAsync(MinerPivotDbContext db, string id, CancellationToken ct);
    Task<SaveOutcome> SaveAsync(MinerPivotDbContext db, string? id, uint version, ImportRow row, AuditStamp stamp, CancellationToken ct);
    Task<DeleteOutcome> DeleteAsync(MinerPivotDbContext db, string id, uint version, AuditStamp stamp, CancellationToken ct);
}

/// <summary>A value the row's references or key cannot take, found while applying it (a parent deleted meanwhile, a key that cannot change).</summary>
internal sealed class FactRefusedException(string column, string message) : Exception(message)
{
    public string Column { get; } = column;
}

/// <summary>
/// Create, update and delete for one kind: the row was checked by the importer's rules; this maps it onto the entity,
/// checks the xmin version the form loaded, and writes the audit entry in the same SaveChanges (one transaction).
/// </summary>
internal abstract class FactHandler<TEntity, TRow> : IFactHandler where TEntity : class where TRow : ImportRow
{
    public abstract AdminKind Kind { get; }

    /// <summary>The entities of this kind (with the navigations the key lookups use).</summary>
    protected abstract IQueryable<TEntity> Query(MinerPivotDbContext db);
    private static readonly System.Reflection.PropertyInfo? VersionProperty = typeof(TEntity).GetProperty(nameof(Company.Version));

    /// <summary>The row with the id a page names (an int id, unless the kind says otherwise).</summary>
    protected virtual Task<TEntity?> FindAsync(IQueryable<TEntity> query, string id, CancellationToken ct) =>
        ParseId(id) is { } n ? query.SingleOrDefaultAsync(e => EF.Property<int>(e, "Id") == n, ct) : Task.FromResult<TEntity?>(null);
    protected abstract Task<TEntity?> FindByKeyAsync(IQueryable<TEntity> query, TRow row, CancellationToken ct);
    protected virtual string IdOf(TEntity entity) => Map.IdOf(entity).ToString(System.Globalization.CultureInfo.InvariantCulture);
    protected abstract TEntity Create();

    /// <summary>How the kind is stored: the row's columns are read from and written to the entity through it.</summary>
    protected abstract EntityMap<TEntity> Map { get; }

    /// <summary>Sets what the entity map does not (references by id), or refuses the row; the map then sets the other columns.</summary>
    protected virtual Task ApplyAsync(MinerPivotDbContext db, TEntity entity, TRow row, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The xmin version, or 0 for append-only rows, which have none.</summary>
    protected virtual uint VersionOf(TEntity entity) => VersionProperty?.GetValue(entity) is uint version ? version : 0;

    /// <summary>Why a stored row cannot be changed (append-only kinds), or null.</summary>
    protected virtual string? UpdateRefusal => null;

    /// <summary>Why this row cannot be deleted (rows that depend on it, append-only kinds), or null.</summary>
    protected virtual Task<string?> DeleteRefusalAsync(MinerPivotDbContext db, TEntity entity, CancellationToken ct) =>
        Task.FromResult<string?>(null);

    public async Task<FactRecord?> LoadAsync(MinerPivotDbContext db, string id, CancellationToken ct) =>
        await FindAsync(Query(db).AsNoTracking(), id, ct) is { } entity ? await RecordAsync(db, entity, ct) : null;

    public async Task<SaveOutcome> SaveAsync(MinerPivotDbContext db, string? id, uint version, ImportRow input, AuditStamp stamp, CancellationToken ct)
    {
        var row = (TRow)input;
        var cells = FactKind.CellsByName(row);
        var key = Kind.KeyText(cells);
        var sameKey = await FindByKeyAsync(Query(db), row, ct);
        TEntity entity;
        IReadOnlyDictionary<string, string?>? old = null;
        if (id is null)
        {
            if (sameKey is not null)
            {
                return Duplicate(key, IdOf(sameKey));
            }
            entity = Create();
            db.Add(entity);
        }
        else
        {
            if (UpdateRefusal is { } refusal)
            {
                return new SaveOutcome.Invalid([new ImportError(Kind.File, 0, null, null, refusal)]);
            }
            var found = await FindAsync(Query(db), id, ct);
            if (found is null)
            {
                return new SaveOutcome.Conflict(null, await LastChangeAsync(db, key, ct));
            }
            if (sameKey is not null && IdOf(sameKey) != id)
            {
                return Duplicate(key, IdOf(sameKey));
            }
            entity = found;
            old = await CellsAsync(db, entity, ct);
            SetOriginalVersion(db, entity, version);
        }

        try
        {
            await ApplyAsync(db, entity, row, ct);
            Map.Apply(entity, row, db.Model);
        }
        catch (FactRefusedException e)
        {
            return new SaveOutcome.Invalid([new ImportError(Kind.File, 0, e.Column, cells.GetValueOrDefault(e.Column), e.Message)]);
        }
        if (old is null)
        {
            db.AuditEntries.Add(Audit(stamp, "create", key, null, Json(cells)));
        }
        else
        {
            var changed = ImportFormat.ColumnsOf(Kind.File).Where(c => old[c] != cells[c]).ToList();
            if (changed.Count == 0)
            {
                return new SaveOutcome.Unchanged(await RecordAsync(db, entity, ct));
            }
            db.AuditEntries.Add(Audit(stamp, "update", key, Json(old, changed), Json(cells, changed)));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await LoadAsync(db, id!, ct);
            return new SaveOutcome.Conflict(stored, await LastChangeAsync(db, stored is null ? key : Kind.KeyText(stored.Cells), ct));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone added the same key between the check above and this insert.
            db.ChangeTracker.Clear();
            var existing = await FindByKeyAsync(Query(db).AsNoTracking(), row, ct);
            return Duplicate(key, existing is null ? null : IdOf(existing));
        }
        return new SaveOutcome.Saved(await RecordAsync(db, entity, ct), Created: old is null);
    }

    public async Task<DeleteOutcome> DeleteAsync(MinerPivotDbContext db, string id, uint version, AuditStamp stamp, CancellationToken ct)
    {
        var entity = await FindAsync(Query(db), id, ct);
        if (entity is null)
        {
            return new DeleteOutcome.Conflict(null, null);
        }
        var cells = await CellsAsync(db, entity, ct);
        var key = Kind.KeyText(cells);
        if (VersionOf(entity) != version)
        {
            return new DeleteOutcome.Conflict(await RecordAsync(db, entity, ct), await LastChangeAsync(db, key, ct));
        }
        if (await DeleteRefusalAsync(db, entity, ct) is { } refusal)
        {
            return new DeleteOutcome.Refused(refusal);
        }
        SetOriginalVersion(db, entity, version);
        db.Remove(entity);
        db.AuditEntries.Add(Audit(stamp, "delete", key, Json(cells), null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await LoadAsync(db, id, ct);
            return new DeleteOutcome.Conflict(stored, await LastChangeAsync(db, key, ct));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return new DeleteOutcome.Refused($"{Capitalized(Kind.Singular)} {key} was not deleted: rows added meanwhile refer to it.");
        }
        return new DeleteOutcome.Deleted(key);
    }

    private FactKind FactKind => Map.Kind;

    private async Task<IReadOnlyDictionary<string, string?>> CellsAsync(MinerPivotDbContext db, TEntity entity, CancellationToken ct) =>
        FactKind.CellsByName(Map.ToRow(entity, await ParentNames.LoadAsync(db, ct), db.Model));

    private async Task<FactRecord> RecordAsync(MinerPivotDbContext db, TEntity entity, CancellationToken ct) =>
        new(IdOf(entity), VersionOf(entity), await CellsAsync(db, entity, ct));

    private void SetOriginalVersion(MinerPivotDbContext db, TEntity entity, uint version)
    {
        if (db.Entry(entity).Metadata.FindProperty(nameof(Company.Version)) is not null)
        {
            db.Entry(entity).Property<uint>(nameof(Company.Version)).OriginalValue = version;
        }
    }

    private SaveOutcome.Invalid Duplicate(string key, string? existingId)
    {
        var column = Kind.Key[^1];
        if (UpdateRefusal is not null)
        {
            // Append-only: the stored row is never changed, so there is nothing to open.
            return new SaveOutcome.Invalid(
                [new ImportError(Kind.File, 0, column, key, $"{Capitalized(Kind.Singular)} {key} is already recorded and is never changed. Enter the new one with its own {Kind.Label(column).ToLowerInvariant()}.")]);
        }
        var columns = string.Join(", ", Kind.Key.Select(Kind.Label));
        return new SaveOutcome.Invalid(
            [new ImportError(Kind.File, 0, column, key, $"{Capitalized(Kind.Singular)} {key} already exists; each {columns} may be entered once. Open it to change it.")],
            existingId);
    }

    private async Task<LastChange?> LastChangeAsync(MinerPivotDbContext db, string key, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == Kind.AuditType && a.EntityKey == key)
            .OrderByDescending(a => a.Id)
            .Select(a => new LastChange(a.UserName, a.At, a.Action))
            .FirstOrDefaultAsync(ct);

    private AuditEntry Audit(AuditStamp stamp, string action, string key, string? oldValues, string? newValues) => new()
    {
        At = stamp.At,
        UserName = stamp.UserName,
        Action = action,
        EntityType = Kind.AuditType,
        EntityKey = key,
        OldValues = oldValues,
        NewValues = newValues,
    };

    private static string Json(IReadOnlyDictionary<string, string?> cells, IEnumerable<string>? columns = null) =>
        JsonSerializer.Serialize((columns ?? cells.Keys).ToDictionary(c => c, c => cells[c]));

    protected static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    protected static int? ParseId(string id) => int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    protected static async Task<Company> CompanyAsync(MinerPivotDbContext db, string ticker, CancellationToken ct) =>
        await db.Companies.SingleOrDefaultAsync(c => c.Ticker == ticker, ct)
        ?? throw new FactRefusedException("ticker", $"Company {ticker} no longer exists.");
}
