using Microsoft.EntityFrameworkCore;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>Two admins removing the admin role at the same moment cannot leave the app without an admin.</summary>
public class LastAdminRaceTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    [Fact]
    public async Task Two_concurrent_demotions_of_the_last_two_admins_leave_one_admin()
    {
        var second = await app.CreateUserAsync(Roles.Admin);
        var firstId = await AdminTab.IdOfAsync(app, MinerPivotApp.AdminEmail);
        var secondId = await AdminTab.IdOfAsync(app, second);
        for (var round = 0; round < 10; round++)
        {
            var firstTab = await AdminTab.PrincipalAsync(app, MinerPivotApp.AdminEmail);
            var secondTab = await AdminTab.PrincipalAsync(app, second);
            // Each admin removes the other's admin role at once: each check alone sees "another admin remains".
            var outcomes = await Task.WhenAll(
                Task.Run(() => AdminTab.AsAsync(app, firstTab, admin => admin.SetRoleAsync(secondId, Roles.Admin, on: false))),
                Task.Run(() => AdminTab.AsAsync(app, secondTab, admin => admin.SetRoleAsync(firstId, Roles.Admin, on: false))));

            var admins = await AdminsAsync();
            Assert.True(admins.Count == 1, $"round {round}: admins left {admins.Count}; outcomes: {string.Join(" | ", outcomes.Select(o => o ?? "ok"))}");
            Assert.Single(outcomes, o => o is null);

            // The remaining admin restores the other for the next round.
            var (keeper, demoted) = admins[0] == MinerPivotApp.AdminEmail ? (MinerPivotApp.AdminEmail, secondId) : (second, firstId);
            Assert.Null(await AdminTab.AsAsync(app, keeper, admin => admin.SetRoleAsync(demoted, Roles.Admin, on: true)));
        }
    }

    private async Task<List<string>> AdminsAsync()
    {
        await using var db = TestPostgres.CreateContext(app.ConnectionString);
        return await (from role in db.Roles
                      where role.Name == Roles.Admin
                      join member in db.UserRoles on role.Id equals member.RoleId
                      join user in db.Users on member.UserId equals user.Id
                      select user.Email!).ToListAsync();
    }
}
