using Microsoft.Extensions.Options;

namespace MinerPivot.Web.Hosting;

public static class CheckedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to a configuration section and checks it at start-up with the options' own rules,
    /// each message prefixed with the section name. BindConfiguration reads the host's final configuration, so test
    /// hosts' overrides are seen.
    /// </summary>
    public static IServiceCollection AddCheckedOptions<T>(this IServiceCollection services, string section, Func<T, IReadOnlyList<string>> errorsOf)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new Validation<T>(section, errorsOf));
        return services;
    }

    private sealed class Validation<T>(string section, Func<T, IReadOnlyList<string>> errorsOf) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = errorsOf(options);
            return errors.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(errors.Select(e => $"{section}: {e}"));
        }
    }
}
