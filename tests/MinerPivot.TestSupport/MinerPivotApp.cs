using Xunit;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MinerPivot.Data;

namespace MinerPivot.TestSupport;

/// <summary>
/// The real app on its own database of the test server. <see cref="SeedDemoData"/> loads the demo dataset at start-up;
/// <see cref="Clock"/> fixes "today". Call <see cref="InitializeOnRealPortAsync"/> for a real port a browser can reach.
/// </summary>
public class MinerPivotApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-Pass-123!";
    public const string UserPassword = "User-Pass-123!";

    public string ConnectionString { get; protected set; } = "";
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 31, 12, 0, 0, TimeSpan.Zero));
    protected virtual bool SeedDemoData => false;
    /// <summary>More configuration for a test class's app, e.g. a setting under test.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
    /// <summary>One folder per test process: several test runs may share the machine.</summary>
    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "minerpivot-test-logs", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateEmptyDatabaseAsync("app");
        // Building the host runs migrations, creates the admin and seeds.
        _ = Services;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>The hosts of this process that are running, oldest first.</summary>
    private static readonly List<MinerPivotApp> Running = [];

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        lock (Running) Running.Add(this);
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        lock (Running) Running.Remove(this);
        await base.DisposeAsync();
        PointBootstrapBlazorAtARunningHost();
    }

    /// <summary>
    /// BootstrapBlazor keeps one process-wide cache (its localizers, among others) bound to the services of the host that
    /// created it last, as if a process held one app. A test process holds several: once that host is disposed, every
    /// page of the others fails with ObjectDisposedException. Its constructor takes the process-wide place, so one made
    /// from a running host's services puts it back on a live one.
    /// </summary>
    private static void PointBootstrapBlazorAtARunningHost()
    {
        MinerPivotApp? running;
        lock (Running) running = Running.LastOrDefault();
        if (running is null) return;
        var cacheManager = typeof(BootstrapBlazor.Components.ICacheManager).Assembly.GetType("BootstrapBlazor.Components.CacheManager", throwOnError: true)!;
        ActivatorUtilities.CreateInstance(running.Services, cacheManager);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the package assets (_content/…) are only found through the static web assets manifest.
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MinerPivot"] = ConnectionString,
            ["MinerPivot:SeedDemoData"] = SeedDemoData ? "true" : "false",
            ["MinerPivot:AdminEmail"] = AdminEmail,
            ["MinerPivot:AdminPassword"] = AdminPassword,
            ["MinerPivot:LogDir"] = LogDirectory,
            // Tests sign in many times from one address; the throttle's own tests turn it back on.
            ["Accounts:SignInPermitLimit"] = "0",
        }).AddInMemoryCollection(Settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Instead of <see cref="InitializeAsync"/>: serves the app on a free loopback port (for a browser) and returns its base address.</summary>
    public async Task<Uri> InitializeOnRealPortAsync()
    {
        UseKestrel(0);
        ConnectionString = await TestPostgres.CreateEmptyDatabaseAsync("app");
        StartServer();
        return ClientOptions.BaseAddress;
    }

    /// <summary>Creates a user with one role (or none) and returns the email.</summary>
    public async Task<string> CreateUserAsync(string? role, string? email = null)
    {
        email ??= $"{role ?? "norole"}-{Guid.NewGuid():N}@test.local";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, UserPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }
        return email;
    }

    /// <summary>An HttpClient that does not follow redirects, signed in with the Identity cookie (or anonymous).</summary>
    public async Task<HttpClient> CookieClientAsync(string? email, string? password = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (email is not null)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true&useSessionCookies=true", new { email, password = password ?? UserPassword });
            response.EnsureSuccessStatusCode();
        }
        return client;
    }

    /// <summary>An HttpClient that sends a bearer token from POST /api/v1/auth/login.</summary>
    public async Task<HttpClient> BearerClientAsync(string email, string? password = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = password ?? UserPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<AccessTokenResponse>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record AccessTokenResponse(string AccessToken);
}

/// <summary>The app with the demo dataset loaded.</summary>
public class MinerPivotDemoApp : MinerPivotApp
{
    protected override bool SeedDemoData => true;
}
