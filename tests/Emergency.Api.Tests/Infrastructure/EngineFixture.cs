using Emergency.Testing;
using Emergency.Testing.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Emergency.Api.Tests.Infrastructure;

/// <summary>
/// A real engine on a fresh SQLite file for a test class or collection. Tests create their own
/// incidents (their own region where they list), so they can share it.
/// </summary>
public class EngineFixture : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 08:00 in Beijing: judged by the 2014 rules.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private readonly TempDirectory _directory = new("api");
    private EngineInstance? _engine;

    public EngineInstance Engine => _engine ?? throw new InvalidOperationException("the engine is not running");

    public FakeTimeProvider Clock => Engine.Clock;

    public DateTimeOffset Now => Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));

    public string DatabaseFile => _directory.File("emergency.db");

    public ApiClient Commander { get; private set; } = null!;

    public ApiClient DecisionMaker { get; private set; } = null!;

    public ApiClient DrillOrganiser { get; private set; } = null!;

    public ApiClient Observer { get; private set; } = null!;

    public ApiClient Anonymous { get; private set; } = null!;

    public ApiClient As(string? token) => new(Engine.Client(token));

    /// <summary>Settings of this engine beyond the test defaults (<c>--Key=value</c>).</summary>
    protected virtual string[] Settings => [];

    public async ValueTask InitializeAsync()
    {
        _engine = await EngineInstance.StartAsync(_directory.File("emergency.db"), Start, TestContext.Current.CancellationToken, Settings);
        Commander = As(Tokens.Commander);
        DecisionMaker = As(Tokens.DecisionMaker);
        DrillOrganiser = As(Tokens.DrillOrganiser);
        Observer = As(Tokens.Observer);
        Anonymous = As(null);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in new[] { Commander, DecisionMaker, DrillOrganiser, Observer, Anonymous })
        {
            api?.Dispose();
        }

        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A region no other test uses, so that list assertions see only this test's incidents.</summary>
    public static string NewRegion(string name) => $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 60)];
}

/// <summary>The engine most tests share; they never move its clock.</summary>
[CollectionDefinition(Name)]
public sealed class SharedEngine : ICollectionFixture<EngineFixture>
{
    public const string Name = "shared engine";
}
