using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MinerPivot.Data;

public static class DatabaseMigration
{
    /// <summary>
    /// Applies pending migrations. The history table is created first: on a new database EF otherwise
    /// reads it before it exists and logs a spurious error (npgsql/efcore.pg#3407).
    /// </summary>
    public static async Task ApplyMigrationsAsync(this MinerPivotDbContext db, CancellationToken ct = default)
    {
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
