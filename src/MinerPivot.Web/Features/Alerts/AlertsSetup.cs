using Microsoft.Extensions.Options;

namespace MinerPivot.Web.Features.Alerts;

public static class AlertsSetup
{
    /// <summary>The alert engine, its triggers, the webhook sender and the pages' services; options from "Alerts", checked at start-up.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>, OptionsValidation>();
        services.AddSingleton<AlertSignals>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<SlippageService>();
        services.AddHttpClient(WebhookSender.HttpClientName);
        // After the database initializer (registered earlier): the first evaluation sees migrated, seeded data.
        services.AddHostedService<AlertTriggers>();
        services.AddHostedService<WebhookSender>();
        return services;
    }

    private sealed class OptionsValidation : IValidateOptions<AlertsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AlertsOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(errors.Select(e => $"{AlertsOptions.SectionName}: {e}"));
        }
    }
}
