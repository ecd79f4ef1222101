namespace MinerPivot.Web.Hosting;

/// <summary>
/// <c>dotnet MinerPivot.Web.dll --probe URL</c>: exit 0 when URL answers 2xx within 5 seconds, else 1. The container
/// image has no curl or wget, so docker-compose's health check asks the app's own binary.
/// </summary>
public static class HealthProbe
{
    public static bool IsRequested(string[] args) => args.Length == 2 && args[0] == "--probe";

    public static async Task<int> RunAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }
}
