using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MinerPivot.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MinerPivotDbContext>
{
    public MinerPivotDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__MinerPivot")
            ?? "Host=127.0.0.1;Database=minerpivot;Username=minerpivot";
        var options = new DbContextOptionsBuilder<MinerPivotDbContext>();
        options.UseMinerPivotPostgres(connectionString);
        return new MinerPivotDbContext(options.Options);
    }
}
