namespace MinerPivot.Web.Hosting;

public static class DatabaseResilienceSetup
{
    /// <summary>Options from "MinerPivot:Database", checked at start-up; the host's shutdown timeout from them.</summary>
    public static IServiceCollection AddDatabaseResilience(this IServiceCollection services)
    {
        services.AddCheckedOptions<DatabaseResilienceOptions>(DatabaseResilienceOptions.Section, options => options.Validate());
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<DatabaseResilienceOptions>>(
            (host, resilience) =>
            {
                host.ShutdownTimeout = resilience.Value.ShutdownTimeout;
                // The embedded server's stop (a checkpoint, 1–3 s) runs beside Kestrel closing open circuits, not after it.
                host.ServicesStopConcurrently = true;
            });
        services.AddTransient<IStartupFilter, RefuseCircuitsWhileStopping>();
        return services;
    }

    /// <summary>
    /// Runs the app; a failed start (the data folder in use, the port taken) ends in one clear line and exit code 1.
    /// The host disposes its services on the way out, which stops an embedded server that had already started.
    /// </summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var cause = e is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0] : e;
            await Console.Error.WriteLineAsync($"MinerPivot stopped: {cause.Message}");
            return 1;
        }
    }
}
