using Microsoft.Extensions.Options;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Web.Features.Signposts;

public static class SignpostsSetup
{
    /// <summary>Registers <see cref="SignpostService"/> with its thresholds bound from the "Signposts" section, checked at start-up.</summary>
    public static IServiceCollection AddSignposts(this IServiceCollection services)
    {
        // BindConfiguration reads the host's final configuration, so test hosts' overrides are seen.
        services.AddOptions<SignpostThresholds>().BindConfiguration(SignpostThresholds.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignpostThresholds>, ThresholdsValidation>();
        services.AddMemoryCache();
        services.AddSingleton<SignpostService>();
        return services;
    }

    private sealed class ThresholdsValidation : IValidateOptions<SignpostThresholds>
    {
        public ValidateOptionsResult Validate(string? name, SignpostThresholds options)
        {
            var errors = options.Validate();
            return errors.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(errors.Select(e => $"{SignpostThresholds.SectionName}: {e}"));
        }
    }
}
