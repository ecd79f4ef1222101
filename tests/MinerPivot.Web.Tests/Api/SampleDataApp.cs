using System.Net;
using System.Text.Json;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Api;

/// <summary>The app on its own database holding <see cref="SampleData"/>, with an analyst's bearer client.</summary>
public sealed class SampleDataApp : MinerPivotApp
{
    private Task<HttpClient>? _analyst;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SampleData.EnsureSeededAsync(Services);
    }

    public Task<HttpClient> AnalystAsync() => _analyst ??= CreateAnalystAsync();

    private async Task<HttpClient> CreateAnalystAsync() => await BearerClientAsync(await CreateUserAsync(Roles.Analyst));
}

internal static class ApiAssert
{
    /// <summary>GETs <paramref name="url"/>, asserts 200 with JSON, and returns the body.</summary>
    public static async Task<JsonElement> OkJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static JsonElement Signpost(this JsonElement body, string key) =>
        body.GetProperty("signposts").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    public static JsonElement Tranche(this JsonElement body, string code) =>
        body.GetProperty("tranches").EnumerateArray().Single(t => t.GetProperty("tranche").GetString() == code);

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static decimal Dec(this JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    public static bool IsNull(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null;
}
