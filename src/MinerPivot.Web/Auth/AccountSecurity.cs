using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MinerPivot.Data;
using MinerPivot.Web.Hosting;

namespace MinerPivot.Web.Auth;

/// <summary>
/// How long a session outlives a change to its account, and how sign-ins are throttled. Every session re-checks its
/// account (<see cref="AppSignInManager.ValidateSecurityStampAsync(ClaimsPrincipal?)"/>): cookies and open tabs every
/// <see cref="AccountsOptions.RevalidationInterval"/>, bearer tokens on every request.
/// </summary>
public static class AccountSecurity
{
    public const string SignInRateLimit = "sign-in";

    public static IdentityBuilder AddAccountSecurity(this IdentityBuilder identity)
    {
        var services = identity.Services;
        services.AddCheckedOptions<AccountsOptions>(AccountsOptions.SectionName, options => options.Validate());
        identity.AddSignInManager<AppSignInManager>();
        identity.AddUserManager<AppUserManager>();
        services.AddSingleton<BearerAccountChecks>();

        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>((options, accounts) =>
        {
            options.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedSignIns;
            options.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
            options.Lockout.AllowedForNewUsers = true;
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountsOptions>>((options, accounts) =>
            options.ValidationInterval = accounts.Value.RevalidationInterval);
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<AccountsOptions>>((options, accounts) =>
        {
            options.BearerTokenExpiration = accounts.Value.AccessTokenLifetime;
            // The handler has no principal-validation hook, and an access token cannot be recalled: check its account
            // (stamp, roles, disabled) as a cookie is checked, at most once per RevalidationInterval; a change made through
            // this instance ends the token at its next request (BearerAccountChecks).
            options.Events.OnMessageReceived = async context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.Ordinal)
                    || context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..]) is not { Principal: { } principal })
                {
                    return;
                }
                var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
                var checks = context.HttpContext.RequestServices.GetRequiredService<BearerAccountChecks>();
                var userId = principal.FindFirstValue(signIn.Options.ClaimsIdentity.UserIdClaimType);
                var stamp = principal.FindFirstValue(signIn.Options.ClaimsIdentity.SecurityStampClaimType);
                if (userId is not null && stamp is not null && checks.RecentlyPassed(userId, stamp))
                {
                    return;
                }
                var generation = checks.Generation;
                if (await signIn.ValidateSecurityStampAsync(principal) is null)
                {
                    context.Fail("The account changed after this token was issued.");
                }
                else if (userId is not null && stamp is not null)
                {
                    checks.Passed(userId, stamp, generation);
                }
            };
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, SignInRateLimitPolicy>(SignInRateLimit);
        });
        return identity;
    }

    /// <summary>
    /// Throttles sign-ins. It partitions by <c>Connection.RemoteIpAddress</c>, so it must run after
    /// <c>UseForwardedHeaders</c> (when that is on): otherwise every client behind the proxy shares one bucket.
    /// </summary>
    public static void UseSignInThrottling(this WebApplication app) => app.UseRateLimiter();

    private sealed class SignInRateLimitPolicy(IOptions<AccountsOptions> accounts) : IRateLimiterPolicy<string>
    {
        private const int Segments = AccountsOptions.SignInWindowSegments;

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            var options = accounts.Value;
            // Only posted credentials count: showing the form is free.
            if (!options.ThrottlesSignIns || !HttpMethods.IsPost(httpContext.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            return RateLimitPartition.GetSlidingWindowLimiter(ClientKey(httpContext.Connection.RemoteIpAddress), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.SignInPermitLimit,
                Window = options.SignInWindow,
                SegmentsPerWindow = Segments,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }

        private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero
                ? wait : accounts.Value.SignInWindow / Segments;
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            var response = context.HttpContext.Response;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var message = $"Too many sign-in attempts from your address. Try again in {Math.Max(1, (seconds + 59) / 60)} minute(s).";
            if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(message, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            }
            else
            {
                // A body keeps the status-code pages from replacing the answer with the not-found page.
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(message, ct);
            }
        }
    }

    /// <summary>The client's address as one bucket key; IPv4 seen through an IPv6 socket counts as the IPv4 address.</summary>
    internal static string ClientKey(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>
/// Identity's failed-sign-in count never decays: an address kept under the throttle would still lock the account
/// sooner or later. Here a failure more than <see cref="AccountsOptions.FailedSignInWindow"/> after the first counted one
/// starts the count again.
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    IOptions<AccountsOptions> accounts,
    TimeProvider time,
    BearerAccountChecks bearerChecks)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>Any change saved to an account (password, stamp, roles…) makes its bearer tokens be checked again.</summary>
    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        var result = await base.UpdateUserAsync(user);
        bearerChecks.Forget(user.Id);
        return result;
    }

    public override Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        var now = time.GetUtcNow();
        if (user.AccessFailedCount == 0 || user.FailedSignInsSince is not { } since || now - since >= accounts.Value.FailedSignInWindow)
        {
            user.AccessFailedCount = 0;
            user.FailedSignInsSince = now;
        }
        return base.AccessFailedAsync(user);
    }
}

/// <summary>
/// Sign-in rules on top of Identity's: a disabled account cannot sign in; every failed sign-in gets the same answer
/// (unknown, wrong password, locked, disabled); and a session is valid only while its account is unchanged.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        // "Locked out" or "not allowed" would tell a stranger that the account exists.
        return result.Succeeded || result.RequiresTwoFactor ? result : SignInResult.Failed;
    }

    /// <summary>The stamp rotates on every role change, lock, disable and password change; roles are compared too.</summary>
    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        if (user is null || principal is null || user.DisabledAt is not null)
        {
            return null;
        }
        var held = principal.FindAll(Options.ClaimsIdentity.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return held.SetEquals(await UserManager.GetRolesAsync(user)) ? user : null;
    }
}
