using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests;

/// <summary>A wrong setting stops the app at start-up with a message naming the section, the key and the value.</summary>
public class SettingsCheckTests
{
    [Theory]
    [InlineData("Signposts:MajorSlipMaxDays", "10", "Signposts: MajorSlipMaxDays must be greater than MinorSlipMaxDays.")]
    [InlineData("Alerts:DailyAtUtc", "25:99", "Alerts: DailyAtUtc must be a time HH:mm (UTC); '25:99' is not.")]
    public async Task A_wrong_setting_stops_the_app_and_says_what_is_wrong(string key, string value, string message)
    {
        await using var app = new AppWithSetting(key, value);
        await app.PrepareDatabaseAsync();
        var error = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains(message, error.Message);
    }

    private sealed class AppWithSetting(string key, string value) : MinerPivotApp
    {
        public async Task PrepareDatabaseAsync() => ConnectionString = await TestPostgres.CreateEmptyDatabaseAsync("settings");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }));
        }
    }
}
