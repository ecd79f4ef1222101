namespace MinerPivot.Web.Hosting;

/// <summary>
/// Once the app is stopping, an open tab's attempt to reconnect its circuit is refused (503, connection closed).
/// SignalR closes the open circuits' connections when stopping begins, but the browser reconnects within a tenth of a
/// second, while Kestrel still accepts: the new connection then held the shutdown for the host's whole timeout (5 s),
/// and re-rendering the circuit on it delayed the stop of the old one by seconds more on a loaded machine.
/// </summary>
internal sealed class RefuseCircuitsWhileStopping(IHostApplicationLifetime lifetime) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested && context.Request.Path.StartsWithSegments("/_blazor"))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.Connection = "close";
                return Task.CompletedTask;
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
