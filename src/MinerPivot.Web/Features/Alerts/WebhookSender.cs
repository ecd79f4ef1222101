using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Alerts;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>
/// Sends the outbox rows the evaluator wrote (alert_notifications) to the webhook: a JSON POST; a failure (error,
/// timeout, non-2xx) is retried with exponential back-off until Alerts:MaxAttempts, then marked failed. A save never
/// waits for this.
/// </summary>
public sealed class WebhookSender(
    IServiceProvider services,
    IHttpClientFactory httpFactory,
    IOptionsMonitor<AlertsOptions> options,
    AlertSignals signals,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "alerts-webhook";
    private const int BatchSize = 20;

    // Resolved when used, not when hosted services are built (the embedded database starts in between).
    private IDbContextFactory<MinerPivotDbContext> DbFactory => services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? nextDue;
            try
            {
                nextDue = await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending webhook notifications failed; trying again later");
                nextDue = null;
            }
            var wait = options.CurrentValue.PollInterval;
            if (nextDue is { } due)
            {
                var untilDue = due - time.GetUtcNow();
                if (untilDue < wait) wait = untilDue;
            }
            if (wait > TimeSpan.Zero)
            {
                await WaitAsync(wait, stoppingToken);
            }
        }
    }

    /// <summary>Until <paramref name="wait"/> has passed on the clock or new deliveries are signalled.</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, cts.Token);
        var signal = signals.WaitForDeliveriesAsync(cts.Token);
        await Task.WhenAny(delay, signal);
        await cts.CancelAsync();
        try
        {
            await Task.WhenAll(delay, signal);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends every due pending delivery; returns when the next one falls due, or null when none is pending.</summary>
    public async Task<DateTimeOffset?> SendDueAsync(CancellationToken ct)
    {
        while (true)
        {
            await using var db = await DbFactory.CreateDbContextAsync(ct);
            var now = time.GetUtcNow();
            var due = await db.AlertNotifications
                .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now)
                .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            foreach (var notification in due)
            {
                await SendAsync(notification, ct);
            }
            await db.SaveChangesAsync(ct);
            if (due.Count < BatchSize)
            {
                return await db.AlertNotifications
                    .Where(n => n.Status == NotificationStatus.Pending)
                    .MinAsync(n => (DateTimeOffset?)n.NextAttemptAt, ct);
            }
        }
    }

    private async Task SendAsync(AlertNotification notification, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        string? error;
        try
        {
            using var client = httpFactory.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.WebhookTimeout);
            using var content = new StringContent(notification.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await client.PostAsync(notification.Url, content, timeout.Token);
            error = response.IsSuccessStatusCode
                ? null
                : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {settings.WebhookTimeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }

        var now = time.GetUtcNow();
        notification.Attempts++;
        notification.LastAttemptAt = now;
        if (error is null)
        {
            notification.Status = NotificationStatus.Sent;
            notification.SentAt = now;
            notification.LastError = null;
            logger.LogInformation("Webhook notification {Id} for alert {AlertId} sent (attempt {Attempt})", notification.Id, notification.AlertId, notification.Attempts);
            return;
        }
        notification.LastError = error.Length <= 2000 ? error : error[..2000];
        if (notification.Attempts >= settings.MaxAttempts)
        {
            notification.Status = NotificationStatus.Failed;
            logger.LogError("Webhook notification {Id} for alert {AlertId} failed for good after {Attempts} attempts: {Error}",
                notification.Id, notification.AlertId, notification.Attempts, error);
        }
        else
        {
            notification.NextAttemptAt = now + settings.RetryDelay(notification.Attempts);
            logger.LogWarning("Webhook notification {Id} for alert {AlertId} failed (attempt {Attempt}): {Error}; next attempt at {Next:o}",
                notification.Id, notification.AlertId, notification.Attempts, error, notification.NextAttemptAt);
        }
    }
}
