using MinerPivot.Web.Hosting;
namespace MinerPivot.Web.Features.Admin;

public static class AdminSetup
{
    public static IServiceCollection AddAdminFeatures(this IServiceCollection services) => services
        .AddCheckedOptions<MinerPivot.Core.Import.ImportBounds>(MinerPivot.Core.Import.ImportBounds.SectionName, bounds => bounds.Validate())
        .AddSingleton<FactService>()
        .AddSingleton<FactLists>()
        .AddSingleton<AuditService>()
        .AddSingleton<ImportExportService>();
}
