using Emergency.Host.Auth;

namespace Emergency.Host.Public;

/// <summary>The public page's rate limit per address (<c>Public:Rate:Permits</c> requests per <c>Public:Rate:Window</c>).</summary>
public sealed record PublicSettings
{
    /// <summary>Requests one address may make to the public API per window: a page load makes four.</summary>
    public int Permits { get; init; } = 120;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    public static PublicSettings Read(IConfiguration configuration)
    {
        var defaults = new PublicSettings();
        return new PublicSettings
        {
            Permits = SignInSettings.Count(configuration, "Public:Rate:Permits", defaults.Permits, 1, 100_000),
            Window = SignInSettings.Span(configuration, "Public:Rate:Window", defaults.Window, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
        };
    }
}
