using Microsoft.EntityFrameworkCore;
using MinerPivot.Data;
using MinerPivot.Data.Facts;

namespace MinerPivot.Web.Hosting;

public static class FactStoreSetup
{
    /// <summary>
    /// The fact store, its change listener and the interceptor that reports this process's writes; options from
    /// "Facts", checked at start-up. Register after the embedded database: the listener connects when it starts.
    /// </summary>
    public static IServiceCollection AddFactStore(this IServiceCollection services)
    {
        services.AddCheckedOptions<FactStoreOptions>(FactStoreOptions.SectionName, options => options.Validate());
        services.AddSingleton<FactChanges>();
        services.AddSingleton<FactWriteInterceptor>();
        services.ConfigureDbContext<MinerPivotDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<FactWriteInterceptor>()));
        services.AddSingleton<FactStore>();
        services.AddHostedService<FactChangeListener>();
        return services;
    }
}
