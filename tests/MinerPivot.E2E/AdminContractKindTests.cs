using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MinerPivot.Core.Domain;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

public class AdminContractKindTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    [Fact]
    public async Task A_contract_saved_as_GPU_cloud_in_the_form_shows_as_GPU_cloud_in_the_list()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var page = await AdminSupport.AdminPageAsync(session, "/admin/contracts/new");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New contract" });
        // A new contract starts as a lease of capacity, the default.
        await Expect(form.GetByLabel("Kind")).ToHaveValueAsync("colocation");
        await Expect(form.GetByLabel("Kind").Locator("option")).ToHaveTextAsync(["Choose…", "colocation", "GPU cloud", "build to suit"]);

        await form.GetByLabel("Company").SelectOptionAsync(SampleData.Ticker);
        await form.GetByLabel("Contract code").FillAsync("GPU1");
        await form.GetByLabel("Customer").FillAsync("AI Lab");
        await form.GetByLabel("Contracted MW").FillAsync("50");
        await form.GetByLabel("Signed on").FillAsync("2026-02-01");
        await form.GetByLabel("Source").FillAsync("Core Scientific PR 2026-02-01");
        await form.GetByLabel("Kind").SelectOptionAsync("gpu_cloud");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(AdminSupport.Toast(page, "CORZ GPU1 is saved")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contract CORZ GPU1" })).ToBeVisibleAsync();

        await AdminSupport.GotoInteractiveAsync(page, "/admin/contracts");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Contracts" }).Locator("tbody tr", new() { HasText = "GPU1" });
        await Expect(row.Locator("[data-column=kind]")).ToHaveTextAsync("GPU cloud");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Contracts" }).Locator("tbody tr", new() { HasText = "CW1" }).Locator("[data-column=kind]"))
            .ToHaveTextAsync("colocation");

        await using var db = await AdminSupport.DbAsync(session.App);
        Assert.Equal(ContractKind.GpuCloud, (await db.Contracts.SingleAsync(c => c.Code == "GPU1")).Kind);
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
