using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Alerts;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>
/// Sends the outbox rows the evaluator wrote (alert_notifications) to the webhook: a JSON POST with an
/// <c>Idempotency-Key</c> header (the delivery's id); a failure (error, timeout, non-2xx) is retried with exponential
/// back-off until Alerts:MaxAttempts, then marked failed. A save never waits for this.
/// Each row is claimed (a lease, <c>FOR UPDATE SKIP LOCKED</c>) before it is posted and its outcome is recorded right
/// after, so instances sharing a database never post a row twice, and an instance that dies mid-send leaves only that
/// one row to be sent again when its lease expires.
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
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Who holds a claim: unique per process start, so a restarted instance waits for its old leases like any other.</summary>
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

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
        while (await ClaimNextAsync(ct) is { } notification)
        {
            await SendAsync(notification, ct);
        }
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        // A row another instance holds becomes due again when its lease ends (that instance may have died).
        return await db.AlertNotifications
            .Where(n => n.Status == NotificationStatus.Pending)
            .MinAsync(n => (DateTimeOffset?)(n.ClaimedUntil != null && n.ClaimedUntil > n.NextAttemptAt ? n.ClaimedUntil.Value : n.NextAttemptAt), ct);
    }

    /// <summary>Claims the next due, unclaimed (or expired) row in one statement; null when there is none.</summary>
    private async Task<AlertNotification?> ClaimNextAsync(CancellationToken ct)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var until = now + options.CurrentValue.ClaimLease;
        var pending = NotificationStatus.Pending.ToWire();
        var claimed = await db.AlertNotifications.FromSql($"""
            UPDATE alert_notifications SET claimed_by = {_instance}, claimed_until = {until}
            WHERE id = (
                SELECT id FROM alert_notifications
                WHERE status = {pending} AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until <= {now})
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return claimed.SingleOrDefault();
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
            using var request = new HttpRequestMessage(HttpMethod.Post, notification.Url)
            {
                Content = new StringContent(notification.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            // The one possible repeat (a lease that expired mid-send) carries the same key, so a receiver can drop it.
            var key = notification.Id.ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(IdempotencyHeader, key);
            request.Headers.Add("X-MinerPivot-Delivery", key);
            using var response = await client.SendAsync(request, timeout.Token);
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
        }
        else
        {
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
        await RecordAsync(notification, ct);
    }

    /// <summary>
    /// Saves one attempt's outcome at once and releases the claim. A success is recorded even if the lease was lost
    /// meanwhile (it stops the other instance's resend if that has not happened yet); a failure only by the claim holder.
    /// </summary>
    private async Task RecordAsync(AlertNotification n, CancellationToken ct)
    {
        var sent = n.Status == NotificationStatus.Sent;
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var updated = await db.AlertNotifications
            .Where(r => r.Id == n.Id && r.Status == NotificationStatus.Pending && (sent || r.ClaimedBy == _instance))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, n.Status)
                .SetProperty(r => r.Attempts, n.Attempts)
                .SetProperty(r => r.LastAttemptAt, n.LastAttemptAt)
                .SetProperty(r => r.NextAttemptAt, n.NextAttemptAt)
                .SetProperty(r => r.SentAt, n.SentAt)
                .SetProperty(r => r.LastError, n.LastError)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), ct);
        if (updated == 0)
        {
            logger.LogWarning("Webhook notification {Id}: its claim expired during the attempt; another instance has taken it over", n.Id);
        }
    }
}
