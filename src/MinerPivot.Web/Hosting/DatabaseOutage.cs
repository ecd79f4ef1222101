using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MinerPivot.Web.Hosting;

/// <summary>
/// The one place that tells "the database cannot be reached right now" from other failures, and what a client is told
/// then: an API request gets 503 problem+json with Retry-After, a page a small "retrying" page that reloads itself.
/// </summary>
public static class DatabaseOutage
{
    public static bool IsUnreachable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsUnreachable);
                case PostgresException postgres:
                    // Connection exceptions, the server shutting down or starting up, too many connections.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Answers a request that failed because the database is unreachable; other failures pass on unchanged.</summary>
    public static IApplicationBuilder UseDatabaseOutageResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsUnreachable(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var retryAfter = context.RequestServices.GetRequiredService<IOptions<DatabaseResilienceOptions>>().Value.RetryAfterSeconds;
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseOutage))
                .LogWarning("{Method} {Path}: the database is unreachable ({Error}); answered 503", context.Request.Method, context.Request.Path, e.GetBaseException().Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (IsPageRequest(context.Request))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(RetryPage(retryAfter));
            }
            else
            {
                await Results.Problem(
                    title: "The database is temporarily unavailable",
                    detail: $"Nothing was changed by this request. Try again in {retryAfter} s.",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            }
        }
    });

    private static bool IsPageRequest(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi") && !request.Path.StartsWithSegments("/health")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static string RetryPage(int retryAfter) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta http-equiv="refresh" content="{{retryAfter}}" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <title>Data temporarily unavailable · MinerPivot</title>
        <style>body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem;color:#212529}
        .data-unavailable{border:1px solid #ffe69c;background:#fff3cd;border-radius:.375rem;padding:1rem}</style>
        </head>
        <body>
        <div class="data-unavailable" role="status">
        <h1 style="font-size:1.25rem;margin-top:0">Data temporarily unavailable — retrying…</h1>
        <p style="margin-bottom:0">The database cannot be reached right now. This page tries again every {{retryAfter}} seconds by itself.</p>
        </div>
        </body>
        </html>
        """;
}
