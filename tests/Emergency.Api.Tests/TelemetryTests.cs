using Emergency.Api.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>
/// The engine's own metrics on the Prometheus endpoint. Its meters count in the whole test process, so this class has an
/// engine of its own and runs when no other engine does (a collection without parallelization).
/// </summary>
[Collection(Name)]
public sealed class TelemetryTests(TelemetryTests.Engine engine)
{
    public const string Name = "telemetry, alone";

    private const string Commands = "emergency_commands_total";

    [Fact]
    public async Task Each_command_is_counted_once_by_kind_move_and_outcome()
    {
        using var admin = engine.As(Tokens.Administrator);
        var before = await Scrape.Of(admin);

        var id = (await engine.Commander.Register(Bodies.Incident(EngineFixture.NewRegion("Counted"), engine.Now))).Str("id");
        for (var deaths = 0; deaths < 3; deaths++)
        {
            await engine.Commander.Command($"/api/incidents/{id}/facts", new { facts = new { deaths } });
        }

        // Before the final report a close is refused by the procedure.
        Problem.AssertNotAllowed(await engine.Commander.Post($"/api/incidents/{id}/close", null), "before the final report");

        (string, string)[] Labels(string move, string outcome) => [("kind", "incident"), ("move", move), ("outcome", outcome), ("scope", "live")];
        var expected = new[] { (Labels("report", "accepted"), 1), (Labels("facts", "accepted"), 3), (Labels("close", "notAllowed"), 1) };
        var after = await Eventually.Until(
            () => Scrape.Of(admin),
            s => expected.All(e => s.Sum(Commands, e.Item1) - before.Sum(Commands, e.Item1) >= e.Item2),
            "the commands counted");
        Assert.All(expected, e => Assert.Equal(e.Item2, after.Sum(Commands, e.Item1) - before.Sum(Commands, e.Item1)));
        Assert.Equal(5, after.Sum(Commands) - before.Sum(Commands));
    }

    [Fact]
    public async Task Every_group_commit_is_measured_with_its_writes_and_time()
    {
        using var admin = engine.As(Tokens.Administrator);
        var before = await Scrape.Of(admin);

        var id = (await engine.Commander.Register(Bodies.Incident(EngineFixture.NewRegion("Committed"), engine.Now))).Str("id");
        await engine.Commander.Command($"/api/incidents/{id}/facts", new { facts = new { deaths = 1 } });

        (string, string)[] committed = [("provider", "sqlite"), ("outcome", "committed")];
        var after = await Eventually.Until(
            () => Scrape.Of(admin),
            s => s.Sum("emergency_storage_commit_writes_sum", committed) - before.Sum("emergency_storage_commit_writes_sum", committed) >= 2,
            "the two writes of the incident committed");
        var commits = after.Sum("emergency_storage_commit_writes_count", committed) - before.Sum("emergency_storage_commit_writes_count", committed);
        Assert.InRange(commits, 1, after.Sum("emergency_storage_commit_writes_sum", committed) - before.Sum("emergency_storage_commit_writes_sum", committed));
        Assert.Equal(commits, after.Sum("emergency_storage_commit_duration_seconds_count", committed) - before.Sum("emergency_storage_commit_duration_seconds_count", committed));
        Assert.True(after.Sum("emergency_storage_commit_duration_seconds_sum", committed) > before.Sum("emergency_storage_commit_duration_seconds_sum", committed));
    }

    [Fact]
    public async Task The_overdue_cases_are_counted_as_the_list_counts_them()
    {
        using var admin = engine.As(Tokens.Administrator);
        var region = EngineFixture.NewRegion("Late");
        var id = (await engine.Commander.Register(Bodies.Incident(region, engine.Now.AddMinutes(-10), Bodies.CrossProvince()))).Str("id");

        // The scene must be reached within the hour.
        engine.Clock.Advance(TimeSpan.FromHours(1));
        var (scrape, listed) = await Eventually.Until(
            async () => (Scrape: await Scrape.Of(admin), Listed: await engine.Commander.List("?overdue=true")),
            s => s.Listed.Ids().Contains(id) && s.Scrape.Sum("emergency_cases_overdue", ("kind", "incident")) == s.Listed.Count,
            "the gauge counting the overdue incidents the list shows",
            TimeSpan.FromSeconds(20));
        Assert.Equal(listed.Count, scrape.Sum("emergency_cases_overdue", ("kind", "incident")));
        Assert.Equal(0, scrape.Sum("emergency_cases_overdue", ("kind", "petition")));
    }

    [Fact]
    public async Task Orleans_gauges_that_walk_every_activation_are_not_collected()
    {
        using var admin = engine.As(Tokens.Administrator);
        await engine.Commander.Register(Bodies.Incident(EngineFixture.NewRegion("Walked"), engine.Now));

        var scrape = await Eventually.Until(
            () => Scrape.Of(admin),
            s => s.Samples.Any(m => m.Name.StartsWith("orleans_catalog_activations", StringComparison.Ordinal)),
            "Orleans' activation count on the scrape");
        Assert.DoesNotContain(scrape.Samples, m => m.Name.StartsWith("orleans_messaging_processing_activation_data", StringComparison.Ordinal));
        Assert.DoesNotContain(scrape.Samples, m => m.Name.StartsWith("orleans_directory_cache_size", StringComparison.Ordinal));
    }

    /// <summary>An engine that counts the overdue cases every second.</summary>
    public sealed class Engine : EngineFixture
    {
        protected override string[] Settings => ["--Telemetry:OverdueEvery=00:00:01"];
    }

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class Alone : ICollectionFixture<Engine>;
}
