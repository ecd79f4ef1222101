using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinerPivot.Core.Alerts;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Alerts;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>The demo dataset as of 2026-05-31: alerts, slippage and who may see them.</summary>
public class AlertsPagesTests(BrowserSession<MinerPivotDemoApp> session) : IClassFixture<BrowserSession<MinerPivotDemoApp>>
{
    [Fact]
    public async Task A_pm_acknowledges_an_alert_with_a_comment_and_sees_it_move_to_acknowledged()
    {
        await session.App.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync("e2e");
        long firstId;
        int openCount;
        await using (var db = await session.App.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync())
        {
            var open = await db.Alerts.Where(a => a.Status == AlertStatus.Open).ToListAsync();
            openCount = open.Count;
            firstId = AlertService.Rank(open).First().Id;
        }
        Assert.True(openCount > 2, $"{openCount} open alerts");

        var email = await session.App.CreateUserAsync(Roles.Pm);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await page.GotoAsync("/alerts");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Exact = true })).ToBeVisibleAsync();
        await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);
        var badge = page.Locator(".app-nav .nav-badge");
        await Expect(badge).ToHaveTextAsync($"{openCount} open");

        // The worst open alert is first: the Denton tranche, overdue since 2026-03-01.
        var openSection = page.Locator("section[aria-labelledby='open-heading']");
        var first = openSection.Locator("article.alert-item").First;
        await Expect(first).ToHaveAttributeAsync("data-alert-id", firstId.ToString());
        await Expect(first).ToContainTextAsync("CORZ");
        await Expect(first).ToContainTextAsync("critical");
        await Expect(first).ToContainTextAsync("overdue since its current RFS 2026-03-01");
        await Screenshots.SaveAsync(page, "alerts-desktop");

        await first.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge alert {firstId}" }).ClickAsync();
        var modal = page.Locator(".modal.show");
        await Expect(modal).ToBeVisibleAsync();
        await modal.GetByLabel("Comment (optional)").FillAsync("Asked IR for the new Denton date");
        await Screenshots.SaveAsync(page, "alerts-ack-modal-desktop");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();

        await Expect(page.Locator(".toast").Filter(new() { HasText = "Alert acknowledged" })).ToBeVisibleAsync();
        var acknowledged = page.Locator($"section[aria-labelledby='ack-heading'] article[data-alert-id='{firstId}']");
        await Expect(acknowledged).ToBeVisibleAsync();
        await Expect(acknowledged).ToContainTextAsync($"Acknowledged by {email}");
        await Expect(acknowledged).ToContainTextAsync("Asked IR for the new Denton date");
        await Expect(openSection.Locator($"article[data-alert-id='{firstId}']")).ToHaveCountAsync(0);
        await Expect(badge).ToHaveTextAsync($"{openCount - 1} open");
        await Expect(modal).ToHaveCountAsync(0);
        await Expect(page.Locator(".modal-dialog")).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(390, 844);
        await Screenshots.SaveAsync(page, "alerts-narrow");
        await Screenshots.AssertNoHorizontalOverflowAsync(page);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the page scrolls sideways");
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task A_pm_ranks_and_filters_the_slippage_and_opens_a_tranches_revision_history()
    {
        var email = await session.App.CreateUserAsync(Roles.Pm);
        foreach (var (width, height, suffix) in new[] { (1400, 900, "desktop"), (390, 844, "narrow") })
        {
            var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword, width, height);
            await page.GotoAsync("/slippage?asOf=2026-05-31");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "RFS slippage" })).ToBeVisibleAsync();
            var rows = page.Locator("table[aria-label='Tranches and their slip'] > tbody > tr:not(.history-row)");
            await Expect(rows.First).ToContainTextAsync("DENTON");
            await Expect(rows.First).ToContainTextAsync("critical");
            await Expect(page.Locator("table[aria-label='Totals per company'] tbody tr").First).ToContainTextAsync("CORZ");
            await Screenshots.SaveAsync(page, $"slippage-{suffix}");
            await Screenshots.AssertNoHorizontalOverflowAsync(page);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways");

            await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Revision history of CORZ DENTON" }).ClickAsync();
            var history = page.Locator(".history-row .revision-history");
            await Expect(history).ToContainTextAsync("2025-12-16: RFS 2026-03-01");
            await Expect(history).ToContainTextAsync("+60 d vs baseline");
            await Screenshots.SaveAsync(page, $"slippage-history-{suffix}");
            await Screenshots.AssertNoHorizontalOverflowAsync(page);
            await page.Context.CloseAsync();
        }

        var filtered = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await filtered.GotoAsync("/slippage?asOf=2026-05-31&severity=critical&sort=days");
        var criticalRows = filtered.Locator("table[aria-label='Tranches and their slip'] > tbody > tr");
        await Expect(criticalRows.First).ToBeVisibleAsync();
        foreach (var text in await criticalRows.AllInnerTextsAsync())
        {
            Assert.Contains("critical", text);
        }
        await filtered.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task An_admin_sees_the_webhook_deliveries_with_their_attempts_and_last_error()
    {
        await session.App.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync("e2e");
        var now = session.App.Clock.GetUtcNow();
        await using (var db = await session.App.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync())
        {
            var alerts = await db.Alerts.OrderBy(a => a.Id).Take(2).ToListAsync();
            db.AlertNotifications.Add(new AlertNotification
            {
                AlertId = alerts[0].Id, Kind = "opened", Url = "https://hooks.example.test/minerpivot", Payload = "{}", Status = NotificationStatus.Sent,
                Attempts = 2, CreatedAt = now, LastAttemptAt = now.AddMinutes(1), NextAttemptAt = now.AddMinutes(1), SentAt = now.AddMinutes(1),
            });
            db.AlertNotifications.Add(new AlertNotification
            {
                AlertId = alerts[1].Id, Kind = "escalated", Url = "https://hooks.example.test/minerpivot", Payload = "{}", Status = NotificationStatus.Failed,
                Attempts = 8, CreatedAt = now.AddMinutes(2), LastAttemptAt = now.AddHours(3), NextAttemptAt = now.AddHours(3),
                LastError = "HTTP 503 Service Unavailable",
            });
            await db.SaveChangesAsync();
        }
        foreach (var (width, height, suffix) in new[] { (1400, 900, "desktop"), (390, 844, "narrow") })
        {
            var page = await session.SignedInPageAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword, width, height);
            await page.GotoAsync("/admin/notifications");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhook notifications" })).ToBeVisibleAsync();
            var rows = page.Locator("table[aria-label='Webhook deliveries'] tbody tr");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Nth(0)).ToContainTextAsync("failed");
            await Expect(rows.Nth(0)).ToContainTextAsync("HTTP 503 Service Unavailable");
            await Expect(rows.Nth(1)).ToContainTextAsync("sent");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications" })).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, $"admin-notifications-{suffix}");
            await Screenshots.AssertNoHorizontalOverflowAsync(page);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways");
            await page.Context.CloseAsync();
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task An_analyst_sees_no_alerts_and_is_refused_the_pm_pages()
    {
        var email = await session.App.CreateUserAsync(Roles.Analyst);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alerts" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Slippage" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/alerts", "/slippage" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        }
        // The API refuses too, with the analyst's own cookie.
        var response = await page.APIRequest.PostAsync("/api/v1/alerts/1/ack");
        Assert.Equal(403, response.Status);
        await page.Context.CloseAsync();
        session.ConsoleErrors.RemoveAll(e => e.Contains("/api/v1/alerts/1/ack", StringComparison.Ordinal));
    }
}
