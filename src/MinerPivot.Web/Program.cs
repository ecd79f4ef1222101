using BootstrapBlazor.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using MinerPivot.Data;
using MinerPivot.Web.Api;
using MinerPivot.Web.Auth;
using MinerPivot.Web.Components;
using MinerPivot.Web.Components.Account;
using MinerPivot.Web.Features.Admin;
using MinerPivot.Web.Features.Alerts;
using MinerPivot.Web.Features.Companies;
using MinerPivot.Web.Features.Signposts;
using MinerPivot.Web.Hosting;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Events;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args[1]);
}

var builder = WebApplication.CreateBuilder(args);

// preserveStaticLogger: each host logs through its own logger (and log folder), never through the process-wide
// Log.Logger, which the last host built in a process (e.g. a test run) would otherwise take over.
builder.Services.AddSerilog((services, logger) => ConfigureLogging(logger, services.GetRequiredService<IConfiguration>(), builder.Environment, services),
    preserveStaticLogger: true);

builder.Services.Configure<MinerPivotOptions>(builder.Configuration.GetSection(MinerPivotOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);

// Database: a configured server, or the embedded one started by EmbeddedDatabaseService.
// Read from the built configuration, not builder.Configuration, so test hosts' overrides are seen.
builder.Services.AddSingleton(services => new DatabaseEndpoint(services.GetRequiredService<IConfiguration>().GetConnectionString("MinerPivot")));
builder.Services.AddDbContextFactory<MinerPivotDbContext>((services, options) =>
    options.UseMinerPivotPostgres(services.GetRequiredService<DatabaseEndpoint>().ConnectionString));
builder.Services.AddDatabaseResilience();
builder.Services.AddHostedService<EmbeddedDatabaseService>();
builder.Services.AddHostedService<DatabaseInitializer>();
builder.Services.AddScoped<DemoDataSeeder>();

// Accounts: cookies for the UI, bearer tokens for the API, one Identity store in PostgreSQL.
builder.Services.AddIdentityApiEndpoints<AppUser>(options =>
    {
        options.SignIn.RequireConfirmedAccount = false;
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<MinerPivotDbContext>()
    .AddAccountSecurity();
// AddIdentityApiEndpoints challenges with the bearer scheme; pages want the cookie's login redirect instead.
builder.Services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(options =>
{
    options.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
    options.DefaultForbidScheme = IdentityConstants.ApplicationScheme;
});
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/Account/Login";
    options.AccessDeniedPath = "/Account/AccessDenied";
    options.SlidingExpiration = true;
    options.ExpireTimeSpan = TimeSpan.FromHours(12);
    // The API answers 401/403; only pages redirect to the login form.
    options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
    options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
});
builder.Services.AddDataProtection().SetApplicationName("MinerPivot").PersistKeysToDbContext<MinerPivotDbContext>();
builder.Services.AddMinerPivotAuthorization();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

// Some package assets (BootstrapBlazor's CSS bundle) come without a precompressed copy: compress CSS and JS on the
// fly. Only static assets: they carry no secrets, so compressing them over HTTPS is safe (no BREACH on pages).
builder.Services.AddResponseCompression(options =>
{
    options.EnableForHttps = true;
    options.MimeTypes = ["text/css", "text/javascript", "application/javascript"];
});
builder.Services.AddHealthChecks().AddDbContextCheck<MinerPivotDbContext>("database", tags: ["ready"]);
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();

// Pages persist their first load across prerender; that state returns over SignalR when the circuit starts, and a
// 200-company board, a company with years of BTC closes or a page of alerts passes SignalR's 32 KB default.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(options => options.MaximumReceiveMessageSize = 4 * 1024 * 1024);
builder.Services.AddBootstrapBlazor();

builder.Services.AddScoped<MinerPivot.Web.Features.Board.BoardService>();
builder.Services.AddScoped<CompanyService>();
builder.Services.AddScoped<MinerPivot.Web.Features.Peers.PeersService>();
builder.Services.AddScoped<MinerPivot.Web.Features.Market.MarketService>();
builder.Services.AddSignposts();
builder.Services.AddMinerPivotApi();
builder.Services.AddScoped<MinerPivot.Web.Features.Users.UserAdministration>();
builder.Services.AddAdminFeatures();
builder.Services.AddAlerts();
builder.Services.AddSecurityHeaders();

var app = builder.Build();

app.UseSecurityHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseDatabaseOutageResponses();
app.UseWhen(context => !IsApiRequest(context.Request),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, exception) =>
    exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
    : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/_") ? LogEventLevel.Debug
    : LogEventLevel.Information);

app.UseResponseCompression();
app.UseOnlyAllowedAuthEndpoints();
// After UseForwardedHeaders (when present): it throttles by the client's address.
app.UseSignInThrottling();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi();
// Its start-up script carries the response's CSP nonce; fonts come from the system, not a third-party CDN the CSP refuses.
app.MapScalarApiReference("/api/docs", (options, context) => options.WithNonce(context.CspNonce()).DisableDefaultFonts());
app.MapMinerPivotAuthApi();
app.MapMinerPivotApi();
// The full Content-Security-Policy, frame-ancestors included, comes from UseSecurityHeaders.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
app.MapAdditionalIdentityEndpoints();

app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "MinerPivot is ready ({Environment}) at {Addresses}; sign in at /Account/Login",
    app.Environment.EnvironmentName, string.Join(", ", app.Urls)));

return await app.RunOrExplainAsync();

static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
{
    if (IsApiRequest(context.Request))
    {
        context.Response.StatusCode = apiStatus;
    }
    else
    {
        context.Response.Redirect(context.RedirectUri);
    }
    return Task.CompletedTask;
}

static LoggerConfiguration ConfigureLogging(LoggerConfiguration logger, IConfiguration configuration, IHostEnvironment environment, IServiceProvider services) => logger
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
    .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
    // BootstrapBlazor's localizer reports every missing resource key at Information.
    .MinimumLevel.Override("BootstrapBlazor", LogEventLevel.Warning)
    .MinimumLevel.Override("Microsoft.Extensions.Localization", LogEventLevel.Warning)
    .ReadFrom.Configuration(configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
    .WriteTo.File(
        Path.Combine(configuration["MinerPivot:LogDir"] ?? Path.Combine(environment.ContentRootPath, "logs"), "minerpivot-.log"),
        rollingInterval: RollingInterval.Day,
        retainedFileCountLimit: 14,
        outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");

static bool IsApiRequest(HttpRequest request) =>
    request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/health");

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
