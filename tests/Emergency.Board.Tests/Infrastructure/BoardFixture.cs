using Emergency.Testing;
using Emergency.Testing.Engine;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Emergency.Board.Tests.Infrastructure;

/// <summary>
/// One real engine (fake clock, SQLite in a temp folder) and one headless Chromium, shared by the board tests.
/// Every test opens its own browser context, so sign-ins and session storage never leak between tests.
/// </summary>
public sealed class BoardFixture : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 08:00 in Beijing: judged by the 2014 rules.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A 1080p wall screen.</summary>
    public static readonly ViewportSize WallScreen = new() { Width = 1920, Height = 1080 };

    private readonly TempDirectory _directory = new("board");
    private EngineInstance? _engine;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private EngineApi? _commander;

    /// <summary>The engine; like everything here, it fails or skips the test when there is no Chromium.</summary>
    public EngineInstance Engine => Running(_engine);

    public FakeTimeProvider Clock => Engine.Clock;

    /// <summary>The engine's "now", in Beijing time.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));

    public EngineApi Commander => Running(_commander);

    /// <summary>Where the screenshots go: TestResults/board-screenshots under the test binaries.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "board-screenshots");

    public async ValueTask InitializeAsync()
    {
        if (Chromium.Executable is null)
        {
            // Each test fails or skips on its own (Chromium.Require): nothing to start.
            return;
        }

        var ct = TestContext.Current.CancellationToken;
        var starting = EngineInstance.StartAsync(_directory.File("emergency.db"), Start, ct);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Executable,
            Headless = true,
            Args = Chromium.Args,
        });
        _engine = await starting;
        _commander = new EngineApi(_engine.Client(Tokens.Commander));
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    /// <summary>A fresh browser context on the board (not signed in yet), in the browser zone given (the deployment's unless told).</summary>
    public async Task<BoardPage> OpenBoard(ViewportSize? viewport = null, string timeZone = "Asia/Shanghai")
    {
        Chromium.Require();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Engine.BaseAddress.ToString(),
            ViewportSize = viewport ?? WallScreen,
            TimezoneId = timeZone,
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();

        // What the page logs (SignalR's warnings, script errors) goes to the test's output.
        var output = TestContext.Current.TestOutputHelper;
        page.Console += (_, message) => output?.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => output?.WriteLine($"[browser error] {error}");
        return new BoardPage(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _directory.Dispose();
    }

    private static T Running<T>(T? part)
        where T : class
    {
        Chromium.Require();
        return part ?? throw new InvalidOperationException("the engine is not running");
    }

    /// <summary>A region no other test uses, so that a test's filters see only its own incidents.</summary>
    public static string NewRegion(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 7)];
}

[CollectionDefinition(Name)]
public sealed class BoardCollection : ICollectionFixture<BoardFixture>
{
    public const string Name = "board";
}
