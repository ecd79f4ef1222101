using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Options;

namespace MinerPivot.Web.Hosting;

/// <summary>"MinerPivot:ForwardedHeaders": trust X-Forwarded-For/-Proto from a TLS-terminating proxy.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "MinerPivot:ForwardedHeaders";

    public bool Enabled { get; set; }
    /// <summary>Proxy addresses whose headers are believed; with neither list set, only loopback (a proxy on the same host).</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Proxy networks in CIDR notation, e.g. 10.0.0.0/8.</summary>
    public string[] KnownNetworks { get; set; } = [];
    /// <summary>How many proxies in a chain to walk back through.</summary>
    public int ForwardLimit { get; set; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"KnownProxies: '{p}' is not an IP address."));
        errors.AddRange(KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)).Select(n => $"KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        if (ForwardLimit < 1) errors.Add("ForwardLimit must be at least 1.");
        return errors;
    }
}

/// <summary>"MinerPivot:Hsts": the Strict-Transport-Security header sent on HTTPS responses.</summary>
public sealed class HstsSettings
{
    public const string Section = "MinerPivot:Hsts";

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);

    public IReadOnlyList<string> Validate() => MaxAge < TimeSpan.Zero ? ["MaxAge must not be negative."] : [];
}

/// <summary>
/// Response headers every answer carries (pages, API, static files): a Content-Security-Policy whose script-src allows
/// only the app's own files and, on pages, the inline import map by a per-response nonce; nosniff; Referrer-Policy;
/// HSTS and Secure cookies on HTTPS, where HTTPS may be what a trusted proxy says the client used.
/// See docs/decisions/0005-content-security-policy.md.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "MinerPivot.CspNonce";

    // Inline styles stay allowed: BootstrapBlazor and plotly.js set style attributes and insert style rules at run time.
    // Images: plotly.js's PNG export draws its SVG through data: and blob: URLs.
    private const string Policy =
        "default-src 'self'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddCheckedOptions<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section, settings => settings.Validate());
        services.AddCheckedOptions<HstsSettings>(HstsSettings.Section, settings => settings.Validate());
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            var s = settings.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = s.ForwardLimit;
            if (s.KnownProxies.Length > 0 || s.KnownNetworks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in s.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
                foreach (var network in s.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(IPNetwork.Parse(network));
                }
            }
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<HstsSettings>>((options, settings) => options.MaxAge = settings.Value.MaxAge);
        // Identity's cookie already follows the request; this covers the antiforgery cookie and any other.
        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline, so every later middleware sees the client's scheme and every response gets the headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                var nonce = http.Items.TryGetValue(NonceKey, out var value) ? $" 'nonce-{value}'" : "";
                headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, nonce);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            // HSTS is left off for localhost/127.0.0.1 (HstsOptions.ExcludedHosts), so a browser's local dev stays on HTTP.
            app.UseHsts();
        }
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>This response's script nonce, made on first use; the CSP header names it only when a page asked for one.</summary>
    public static string CspNonce(this HttpContext context)
    {
        if (context.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce)
        {
            return nonce;
        }
        nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }
}
