using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MinerPivot.Data.Facts;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>
/// Runs the <see cref="AlertEvaluator"/> once at start-up, daily at Alerts:DailyAtUtc, and after every data change as
/// <see cref="FactChanges"/> reports it (the fact tables' triggers NOTIFY, whoever wrote: forms, imports, SQL), and once
/// after its listener reconnected, in case a change was missed; bursts are debounced into one evaluation.
/// </summary>
public sealed class AlertTriggers(
    IServiceProvider services,
    FactChanges changes,
    IOptionsMonitor<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertTriggers> logger) : BackgroundService
{
    private readonly Channel<string> _requests = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Resolved when the service runs, not when hosted services are built: the embedded database starts in between,
    // and the DbContext options need its connection string.
    private AlertEvaluator Evaluator => services.GetRequiredService<AlertEvaluator>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _requests.Writer.TryWrite("start-up");
        if (options.CurrentValue.ListenForChanges)
        {
            changes.Changed += OnChanged;
        }
        try
        {
            await Task.WhenAll(RunEvaluationsAsync(stoppingToken), RunDailyAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            changes.Changed -= OnChanged;
        }
    }

    private void OnChanged(string _) => _requests.Writer.TryWrite("data change");

    /// <summary>The one consumer: evaluations never overlap here, and a burst of requests becomes one run.</summary>
    private async Task RunEvaluationsAsync(CancellationToken ct)
    {
        await foreach (var trigger in _requests.Reader.ReadAllAsync(ct))
        {
            if (trigger == "data change" && options.CurrentValue.DebounceMilliseconds > 0)
            {
                // Let the burst finish; requests arriving meanwhile are dropped (the run below sees their data).
                await Task.Delay(options.CurrentValue.DebounceMilliseconds, ct);
                _requests.Reader.TryRead(out _);
            }
            try
            {
                await Evaluator.EvaluateAsync(trigger, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Alert evaluation ({Trigger}) failed; the next change or the daily run tries again", trigger);
            }
        }
    }

    private async Task RunDailyAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = NextDailyRun(now, options.CurrentValue.DailyTime);
            await Task.Delay(next - now, time, ct);
            await _requests.Writer.WriteAsync("daily", ct);
        }
    }

    /// <summary>The first instant strictly after <paramref name="now"/> at <paramref name="at"/> UTC.</summary>
    public static DateTimeOffset NextDailyRun(DateTimeOffset now, TimeOnly at)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).ToDateTime(at), TimeSpan.Zero);
        return today > utc ? today : today.AddDays(1);
    }
}
