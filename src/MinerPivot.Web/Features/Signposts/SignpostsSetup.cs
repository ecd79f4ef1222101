using Microsoft.Extensions.Options;
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
        services.AddFactStore();
        // One engine for the pages, the API, slippage and alerts: stateless apart from its thresholds.
        services.AddSingleton(provider => new SignpostEngine(provider.GetRequiredService<IOptions<SignpostThresholds>>().Value));
        services.AddSingleton<SignpostService>();
        services.AddSingleton<EvaluationFailures>();
        return services;
    }
}
