namespace MinerPivot.Web.Features.Alerts;

/// <summary>In-process signals: alerts changed (badges refresh) and deliveries are waiting (the sender wakes).</summary>
public sealed class AlertSignals
{
    private readonly SemaphoreSlim _deliveries = new(0, 1);

    /// <summary>Raised after alerts were opened, escalated, acknowledged or resolved.</summary>
    public event Action? AlertsChanged;

    public void RaiseAlertsChanged() => AlertsChanged?.Invoke();

    public void DeliveriesQueued()
    {
        if (_deliveries.CurrentCount == 0)
        {
            try
            {
                _deliveries.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public Task WaitForDeliveriesAsync(CancellationToken ct) => _deliveries.WaitAsync(ct);
}
