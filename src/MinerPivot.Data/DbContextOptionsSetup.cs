using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MinerPivot.Data;

public static class DbContextOptionsSetup
{
    /// <summary>The one place that says how MinerPivot talks to PostgreSQL (runtime, design time and tests).</summary>
    public static DbContextOptionsBuilder UseMinerPivotPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Lets Npgsql prepare a statement once it has run twice on a connection, and keep it while the connection is pooled:
    /// pages and the API send the same few queries again and again, and PostgreSQL then stops parsing and planning them
    /// each time (about half the cost of loading a company's facts). A connection string that sets Max Auto Prepare keeps it.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    public static string WithApplicationName(string connectionString, string applicationName) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString;
}
