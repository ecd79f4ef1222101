using MinerPivot.Core.Signposts;
using MinerPivot.Web.Hosting;

namespace MinerPivot.Web.Features.Signposts;

public static class SignpostsSetup
{
    /// <summary>Registers <see cref="SignpostService"/> with its thresholds bound from the "Signposts" section, checked at start-up.</summary>
    public static IServiceCollection AddSignposts(this IServiceCollection services)
    {
        services.AddCheckedOptions<SignpostThresholds>(SignpostThresholds.SectionName, thresholds => thresholds.Validate());
        services.AddMemoryCache();
        services.AddSingleton<SignpostService>();
        return services;
    }
}
