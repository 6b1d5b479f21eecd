using Emergency.Grains.Drills;
using Emergency.Host.Hosting;
using Emergency.Testing;
using Emergency.Testing.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emergency.Drills.Tests;

/// <summary>
/// The warm-up the drill command line asks of the engine it starts (<c>Drills:WarmUpAtStart</c>). That a drill reports
/// the same with it is shown by the command line's own test, whose in-process engine warms up, against a running one
/// that does not.
/// </summary>
public sealed class DrillWarmUpTests : IDisposable
{
    private readonly TempDirectory _directory = new("drill-warm-up");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("regions/cn-gbt2260.json")]
    public async Task Every_move_of_the_warm_up_drill_is_accepted_by_the_engine_s_own_rules(string? regions)
    {
        // A move the rules came to refuse would leave the code after it cold, silently: the warm-up would stop warming.
        // A deployment's region catalog refuses a region it does not know: the warm-up reports from one it does.
        await using var app = EngineHost.Build(regions is null ? Settings() : [.. Settings(), $"--Regions:File={regions}"]);

        var (accepted, moves) = DrillWarmUp.Run(app.Services);

        Assert.Equal(12, moves);
        Assert.Equal(moves, accepted);
    }

    [Fact]
    public async Task An_engine_told_to_warm_up_starts_with_the_warm_up_and_it_reports_nothing_wrong()
    {
        var log = new EngineLog();
        await using var app = EngineHost.Build([.. Settings(), "--Drills:WarmUpAtStart=true"], builder => builder.Logging.AddProvider(log));

        await app.StartAsync(TestContext.Current.CancellationToken);

        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s.GetType().Name == "DrillWarmUpService");
        Assert.DoesNotContain(log.Entries, e => e.Contains("warm-up", StringComparison.OrdinalIgnoreCase));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Without_the_setting_the_engine_does_not_warm_up()
    {
        await using var app = EngineHost.Build(Settings());

        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s.GetType().Name == "DrillWarmUpService");
    }

    [Fact]
    public void A_bad_warm_up_setting_stops_the_start_naming_its_key()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([.. Settings(), "--Drills:WarmUpAtStart=yes"]));

        Assert.Equal("Drills:WarmUpAtStart", error.Key);
        Assert.Contains("'yes'", error.Message, StringComparison.Ordinal);
    }

    private string[] Settings() =>
    [
        "--Urls=http://127.0.0.1:0",
        "--Storage:Provider=Sqlite",
        $"--Storage:ConnectionString=Data Source={_directory.File("engine.db")}",
        $"--Cluster:SiloPort={FreePorts.Next()}",
        "--Logging:LogLevel:Default=Warning",
    ];
}
