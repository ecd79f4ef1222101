using MinerPivot.Web.Hosting;

namespace MinerPivot.Web.Features.Alerts;

public static class AlertsSetup
{
    /// <summary>The alert engine, its triggers, the webhook sender and the pages' services; options from "Alerts", checked at start-up.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddCheckedOptions<AlertsOptions>(AlertsOptions.SectionName, options => options.Validate());
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
}
