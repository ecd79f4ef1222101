namespace MinerPivot.Web.Features.Admin;

public static class AdminSetup
{
    public static IServiceCollection AddAdminFeatures(this IServiceCollection services) => services
        .AddSingleton<FactService>()
        .AddSingleton<FactLists>()
        .AddSingleton<AuditService>()
        .AddSingleton<ImportExportService>();
}
