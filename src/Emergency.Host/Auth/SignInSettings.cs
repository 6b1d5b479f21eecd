using System.Globalization;
using Emergency.Host.Hosting;

namespace Emergency.Host.Auth;

/// <summary>
/// How people sign in (<c>Auth:*</c>): the key of the machine tokens' hashes, lockout after failed attempts, the
/// sign-in rate limit, the shortest password and how long an idle session lasts. Each default, and where it comes
/// from, is in docs/security.md.
/// </summary>
public sealed record SignInSettings
{
    /// <summary>The key the shipped <c>config/emergency.json</c> carries: public, so refused on any address but loopback.</summary>
    public const string DevelopmentTokenKey = "emergency-development-key-for-loopback-only";

    /// <summary>The shortest <c>Auth:TokenKey</c> accepted, in UTF-8 bytes: 256 bits, the size of an HMAC-SHA256 block's output.</summary>
    public const int MinKeyBytes = 32;

    public static readonly SignInSettings Default = new() { TokenKey = DevelopmentTokenKey };

    /// <summary><c>Auth:TokenKey</c>: the HMAC-SHA256 key of the machine tokens' hashes in the tokens file.</summary>
    public required string TokenKey { get; init; }

    /// <summary><c>Auth:Lockout:Attempts</c>: failed sign-ins in a row that lock a user (default 5).</summary>
    public int LockoutAttempts { get; init; } = 5;

    /// <summary><c>Auth:Lockout:Duration</c>: how long a locked user is refused (default 15 minutes).</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary><c>Auth:SignInRate:Permits</c>: sign-in attempts one address may make per window (default 10).</summary>
    public int SignInPermits { get; init; } = 10;

    /// <summary><c>Auth:SignInRate:Window</c>: the window of <see cref="SignInPermits"/> (default 1 minute).</summary>
    public TimeSpan SignInWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>Auth:Password:MinLength</c>: the shortest password an administrator may set (default 12).</summary>
    public int PasswordMinLength { get; init; } = 12;

    /// <summary><c>Auth:Session:IdleTimeout</c>: a session not used for this long ends (default 8 hours, one duty shift).</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromHours(8);

    /// <summary>The longest password accepted: hashing is deliberately slow, and its cost grows with the length.</summary>
    public const int PasswordMaxLength = 256;

    public static SignInSettings Read(IConfiguration configuration)
    {
        var key = configuration["Auth:TokenKey"];
        if (string.IsNullOrEmpty(key) || System.Text.Encoding.UTF8.GetByteCount(key) < MinKeyBytes)
        {
            throw new EngineConfigurationException("Auth:TokenKey",
                $"the key of the machine tokens' hashes must be at least {MinKeyBytes} bytes; give a random one as the environment variable Auth__TokenKey (docs/security.md)");
        }

        return Default with
        {
            TokenKey = key,
            LockoutAttempts = Count(configuration, "Auth:Lockout:Attempts", Default.LockoutAttempts, 1, 100),
            LockoutDuration = Span(configuration, "Auth:Lockout:Duration", Default.LockoutDuration, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            SignInPermits = Count(configuration, "Auth:SignInRate:Permits", Default.SignInPermits, 1, 100_000),
            SignInWindow = Span(configuration, "Auth:SignInRate:Window", Default.SignInWindow, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            PasswordMinLength = Count(configuration, "Auth:Password:MinLength", Default.PasswordMinLength, 8, 128),
            SessionIdleTimeout = Span(configuration, "Auth:Session:IdleTimeout", Default.SessionIdleTimeout, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)),
        };
    }

    internal static int Count(IConfiguration configuration, string key, int fallback, int lowest, int highest)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= lowest && n <= highest
            ? n
            : throw new EngineConfigurationException(key, $"'{value}' is not a whole number from {lowest} to {highest}");
    }

    internal static TimeSpan Span(IConfiguration configuration, string key, TimeSpan fallback, TimeSpan shortest, TimeSpan longest)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= shortest && span <= longest
            ? span
            : throw new EngineConfigurationException(key, $"'{value}' is not a time span from {shortest:c} to {longest:c} (days.hours:minutes:seconds)");
    }
}
