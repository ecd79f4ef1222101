using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Admin;
using MinerPivot.Web.Tests.Import;

namespace MinerPivot.Web.Tests.Admin;

/// <summary>A freshly migrated database with the admin feature services over it, as the app wires them.</summary>
internal sealed class AdminDatabase
{
    private AdminDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        var options = new DbContextOptionsBuilder<MinerPivotDbContext>();
        options.UseMinerPivotPostgres(connectionString);
        Factory = new PooledDbContextFactory<MinerPivotDbContext>(options.Options);
        Facts = new FactService(Factory, Clock, Microsoft.Extensions.Options.Options.Create(MinerPivot.Core.Import.ImportBounds.Default));
        Lists = new FactLists(Factory);
        Audit = new AuditService(Factory);
        ImportExport = new ImportExportService(Factory, Clock, Microsoft.Extensions.Options.Options.Create(MinerPivot.Core.Import.ImportBounds.Default));
    }

    public const string Admin = "admin@test.local";
    public const string OtherAdmin = "other-admin@test.local";

    public string ConnectionString { get; }
    public IDbContextFactory<MinerPivotDbContext> Factory { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 31, 12, 0, 0, TimeSpan.Zero));
    public FactService Facts { get; }
    public FactLists Lists { get; }
    public AuditService Audit { get; }
    public ImportExportService ImportExport { get; }

    public static async Task<AdminDatabase> CreateAsync() => new(await TestPostgres.CreateMigratedDatabaseAsync("adm"));

    /// <summary>A database holding the demo dataset, loaded through the import page's service.</summary>
    public static async Task<AdminDatabase> WithDemoDataAsync()
    {
        var database = await CreateAsync();
        var result = await database.ImportExport.ImportAsync(DemoUploads(), "demo-seed");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return database;
    }

    public static List<UploadedFile> DemoUploads() =>
        [.. ImportFormat.FileNames.Select(name => new UploadedFile(name, File.ReadAllBytes(Path.Combine(DemoFiles.Directory, name))))];

    public MinerPivotDbContext Db() => TestPostgres.CreateContext(ConnectionString);

    /// <summary>Saves and expects success, returning the stored row.</summary>
    public async Task<FactRecord> SaveAsync(AdminKind kind, Dictionary<string, string?> cells, string? id = null, uint version = 0, string user = Admin)
    {
        var outcome = await Facts.SaveAsync(kind, id, version, cells, user);
        var saved = Assert.IsType<SaveOutcome.Saved>(outcome, exactMatch: false);
        return saved.Record;
    }

    public static Dictionary<string, string?> With(FactRecord record, params (string Column, string? Value)[] changes)
    {
        var cells = new Dictionary<string, string?>(record.Cells);
        foreach (var (column, value) in changes)
        {
            cells[column] = value;
        }
        return cells;
    }
}
