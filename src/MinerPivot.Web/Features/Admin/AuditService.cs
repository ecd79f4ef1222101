using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Admin;

/// <summary>Filters of the audit page; dates are UTC days, both ends included.</summary>
public sealed record AuditQuery(string? User = null, string? Action = null, string? Type = null, string? Key = null,
    DateOnly? From = null, DateOnly? To = null, int Page = 1);

/// <summary>One value that changed: for a create Old is absent, for a delete New is.</summary>
public sealed record AuditChange(string Column, string? Old, string? New);

public sealed record AuditRow(long Id, DateTimeOffset At, string UserName, string Action, string EntityType, string EntityKey,
    IReadOnlyList<AuditChange> Changes);

public sealed record AuditFilterOptions(IReadOnlyList<string> Users, IReadOnlyList<string> Types);

/// <summary>Reads the audit trail (written with each change, never edited).</summary>
public sealed class AuditService(IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    public const int PageSize = 50;
    public static readonly IReadOnlyList<string> Actions =
        ["create", "update", "delete", "import", "grant", "revoke", "lock", "unlock", "disable", "enable", "reset-password"];

    public async Task<ListPage<AuditRow>> ListAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.User))
        {
            query = query.Where(a => a.UserName == q.User);
        }
        if (!string.IsNullOrWhiteSpace(q.Action))
        {
            query = query.Where(a => a.Action == q.Action);
        }
        if (!string.IsNullOrWhiteSpace(q.Type))
        {
            query = query.Where(a => a.EntityType == q.Type);
        }
        if (!string.IsNullOrWhiteSpace(q.Key))
        {
            var pattern = "%" + q.Key.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(a => EF.Functions.ILike(a.EntityKey, pattern));
        }
        if (q.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }
        if (q.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(q.Page, 1, pageCount);
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var rows = entries.Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityKey,
            a.Action == "import" ? ImportCounts(a.NewValues) : Changes(a.EntityType, a.OldValues, a.NewValues))).ToList();
        return new ListPage<AuditRow>(rows, total, page, PageSize);
    }

    public async Task<AuditFilterOptions> FilterOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.AuditEntries.AsNoTracking().Select(a => a.UserName).Distinct().OrderBy(u => u).ToListAsync(ct);
        var types = await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        return new AuditFilterOptions(users, types);
    }

    /// <summary>Column by column in the import format's order (jsonb does not keep the order the values were written in).</summary>
    private static List<AuditChange> Changes(string entityType, string? oldJson, string? newJson)
    {
        var old = Values(oldJson);
        var @new = Values(newJson);
        var order = AdminKinds.All.FirstOrDefault(k => k.AuditType == entityType) is { } kind ? ImportFormat.ColumnsOf(kind.File) : [];
        return [.. old.Keys.Union(@new.Keys)
            .OrderBy(c => order.Contains(c) ? order.ToList().IndexOf(c) : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal)
            .Select(c => new AuditChange(c, old.GetValueOrDefault(c), @new.GetValueOrDefault(c)))
            .Where(c => c.Old is not null || c.New is not null)];
    }

    private static Dictionary<string, string?> Values(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            });
    }

    private static List<AuditChange> ImportCounts(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject()
            .OrderBy(f => OrderOf(f.Name))
            .Select(f => new AuditChange(f.Name, null, string.Create(CultureInfo.InvariantCulture,
                $"{Count(f.Value, "inserted")} new, {Count(f.Value, "updated")} updated, {Count(f.Value, "unchanged")} unchanged")))];
    }

    private static int OrderOf(string file)
    {
        var i = ImportFormat.FileNames.ToList().IndexOf(file);
        return i < 0 ? int.MaxValue : i;
    }

    private static int Count(JsonElement counts, string name) => counts.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;
}
