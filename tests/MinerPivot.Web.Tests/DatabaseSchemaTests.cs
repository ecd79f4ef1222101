using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.TestSupport;
using Npgsql;

namespace MinerPivot.Web.Tests;

public class DatabaseSchemaTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task The_migration_creates_every_table_and_leaves_nothing_pending()
    {
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        foreach (var expected in new[] { "companies", "sites", "contracts", "contract_events", "tranches", "rfs_revisions",
                     "quarterly_figures", "btc_prices", "targets", "indicator_values", "audit_log", "data_protection_keys", "users", "roles", "user_roles" })
        {
            Assert.Contains(expected, tables);
        }
    }

    [Fact]
    public async Task Money_is_numeric_18_2_dates_are_date_and_audit_instants_are_timestamptz()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        async Task<string> TypeOf(string table, string column)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = @t::regclass AND a.attname = @c", connection);
            cmd.Parameters.AddWithValue("t", table);
            cmd.Parameters.AddWithValue("c", column);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }
        Assert.Equal("numeric(18,2)", await TypeOf("quarterly_figures", "colocation_revenue_usd"));
        Assert.Equal("numeric(18,2)", await TypeOf("contracts", "annualized_revenue_usd"));
        Assert.Equal("date", await TypeOf("quarterly_figures", "reported_on"));
        Assert.Equal("date", await TypeOf("rfs_revisions", "announced_on"));
        Assert.Equal("timestamp with time zone", await TypeOf("audit_log", "at"));
    }

    [Fact]
    public async Task The_database_refuses_a_negative_MW()
    {
        await using var db = database.CreateContext();
        var company = await AddCompanyAsync(db, "NEGMW");
        db.Sites.Add(new Site { CompanyId = company.Id, Name = "Bad", Location = "Nowhere", GrossMw = -5, Source = "test" });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        var pg = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(PostgresErrorCodes.CheckViolation, pg.SqlState);
        Assert.Equal("ck_sites_gross_mw", pg.ConstraintName);
    }

    [Fact]
    public async Task The_database_refuses_a_quarter_reported_before_it_ended_and_a_duplicate_period()
    {
        await using var db = database.CreateContext();
        var company = await AddCompanyAsync(db, "QTR");
        db.QuarterlyFigures.Add(new QuarterlyFigure
        {
            CompanyId = company.Id, PeriodEnd = new(2026, 3, 31), FiscalLabel = "Q1 2026", ReportedOn = new(2026, 3, 1), Source = "test",
        });
        var early = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal("ck_quarterly_reported_after_period", ((PostgresException)early.InnerException!).ConstraintName);
        db.ChangeTracker.Clear();

        db.QuarterlyFigures.Add(new QuarterlyFigure { CompanyId = company.Id, PeriodEnd = new(2026, 3, 31), FiscalLabel = "Q1 2026", ReportedOn = new(2026, 5, 1), Source = "a" });
        await db.SaveChangesAsync();
        db.QuarterlyFigures.Add(new QuarterlyFigure { CompanyId = company.Id, PeriodEnd = new(2026, 3, 31), FiscalLabel = "Q1 2026", ReportedOn = new(2026, 5, 2), Source = "b" });
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ((PostgresException)duplicate.InnerException!).SqlState);
    }

    [Fact]
    public async Task A_billable_tranche_without_an_actual_RFS_is_refused()
    {
        await using var db = database.CreateContext();
        var company = await AddCompanyAsync(db, "TRN");
        var site = new Site { CompanyId = company.Id, Name = "S", Location = "L", GrossMw = 10, Source = "t" };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        db.Tranches.Add(new Tranche { CompanyId = company.Id, SiteId = site.Id, Code = "T1", Customer = "C", CriticalItMw = 5, Status = TrancheStatus.Billable, Source = "t" });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal("ck_tranches_actual_rfs_matches_status", ((PostgresException)error.InnerException!).ConstraintName);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_by_the_xmin_token()
    {
        int id;
        await using (var setup = database.CreateContext())
        {
            id = (await AddCompanyAsync(setup, "XMIN")).Id;
        }
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Companies.SingleAsync(c => c.Id == id);
        var b = await second.Companies.SingleAsync(c => c.Id == id);
        a.Name = "First admin's name";
        await first.SaveChangesAsync();
        b.Name = "Second admin's name";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateContext();
        Assert.Equal("First admin's name", (await check.Companies.SingleAsync(c => c.Id == id)).Name);
    }

    private static async Task<Company> AddCompanyAsync(MinerPivot.Data.MinerPivotDbContext db, string ticker)
    {
        var company = new Company { Ticker = ticker, Name = ticker + " Inc.", FiscalYearEndMonth = 12 };
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company;
    }
}
