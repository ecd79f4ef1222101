using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MinerPivot.Data;

public static class DbContextOptionsSetup
{
    /// <summary>The one place that says how MinerPivot talks to PostgreSQL (runtime, design time and tests).</summary>
    public static DbContextOptionsBuilder UseMinerPivotPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    public static string WithApplicationName(string connectionString, string applicationName) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString;
}
