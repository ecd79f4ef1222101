using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests;

/// <summary>A wrong setting stops the published app at start-up with a message naming the section, the key and the value.</summary>
public class SettingsCheckTests
{
    [Theory]
    [InlineData("Signposts:MajorSlipMaxDays", "10", "Signposts: MajorSlipMaxDays must be greater than MinorSlipMaxDays.")]
    [InlineData("Alerts:DailyAtUtc", "25:99", "Alerts: DailyAtUtc must be a time HH:mm (UTC); '25:99' is not.")]
    [InlineData("Import:MaxRevenuePerMwYearUsd", "1", "Import: MaxRevenuePerMwYearUsd must be above MinRevenuePerMwYearUsd.")]
    [InlineData("Accounts:FailedSignInWindow", "00:15:00", "Accounts: FailedSignInWindow (00:15:00) must be at most two thirds of SignInWindow (00:15:00)")]
    public async Task A_wrong_setting_stops_the_app_and_says_what_is_wrong(string key, string value, string message)
    {
        var start = () => AppProcess.StartAsync(new AppProcessOptions { Arguments = [$"--{key}={value}"], SeedDemoData = false });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(start);

        Assert.Contains("The app exited with code 1", error.Message);
        Assert.Contains(message, error.Message);
    }
}
