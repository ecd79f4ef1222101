namespace MinerPivot.Web.Hosting;

/// <summary>
/// The connection string the app uses: the configured one, or the embedded cluster's once it has started.
/// DbContexts read it when they are created, so the embedded server can start after the container is built.
/// </summary>
public sealed class DatabaseEndpoint
{
    private string? _connectionString;

    public DatabaseEndpoint(string? configured) =>
        _connectionString = string.IsNullOrWhiteSpace(configured) ? null : configured;

    public bool IsConfigured => _connectionString is not null;

    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is not started yet.");

    internal void Set(string connectionString) => _connectionString = connectionString;
}
