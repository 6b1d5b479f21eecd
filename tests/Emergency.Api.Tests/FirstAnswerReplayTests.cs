using System.Net;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Host.Hosting;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>
/// A retry with an Idempotency-Key gets the first answer, not the case as it is now: same status, same version, same
/// body, also after a restart, for as long as <c>Idempotency:AnswerWindow</c>; later it is still not applied again.
/// </summary>
public sealed class FirstAnswerReplayTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replay_after_a_later_command_returns_the_first_answer_also_after_a_restart_until_the_window_ends()
    {
        using var directory = new TempDirectory("api");
        string[] window = ["--Idempotency:AnswerWindow=01:00:00"];
        var registerKey = $"register-{Guid.NewGuid()}";
        var sceneKey = $"scene-{Guid.NewGuid()}";
        var registration = Bodies.Incident("Changzhi", T0.AddMinutes(-10), Bodies.CrossProvince());
        var scene = Bodies.Completion(note: "team on site");
        string id;
        Reply registered, completed;

        await using (var first = await EngineInstance.StartAsync(directory.File("emergency.db"), T0, Ct, window))
        {
            using var api = new ApiClient(first.Client(Tokens.Commander));
            registered = await api.Post("/api/incidents", registration, registerKey);
            Assert.True(registered.Status == HttpStatusCode.Created, registered.ToString());
            id = registered.Body.Str("id");
            completed = await api.Post($"/api/incidents/{id}/obligations/reachScene/complete", scene, sceneKey);
            Assert.True(completed.Status == HttpStatusCode.OK, completed.ToString());
            var later = await api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
            Assert.Equal(completed.Body.Long("version") + 1, later.Long("version"));

            await AssertFirstAnswer(api, "/api/incidents", registration, registerKey, registered);
            await AssertFirstAnswer(api, $"/api/incidents/{id}/obligations/reachScene/complete", scene, sceneKey, completed);
            await first.StopAsync();
        }

        await using var second = await EngineInstance.StartAsync(directory.File("emergency.db"), T0.AddMinutes(30), Ct, window);
        using var after = new ApiClient(second.Client(Tokens.Commander));
        await AssertFirstAnswer(after, "/api/incidents", registration, registerKey, registered);
        await AssertFirstAnswer(after, $"/api/incidents/{id}/obligations/reachScene/complete", scene, sceneKey, completed);

        // Past the window the first answer is gone: the retry is still recognised and not applied again, and is
        // answered with the incident as it is now, marked so.
        second.Clock.Advance(TimeSpan.FromMinutes(31));
        var now = await after.Incident(id);
        var late = await after.Post($"/api/incidents/{id}/obligations/reachScene/complete", scene, sceneKey);
        Assert.True(late.Status == HttpStatusCode.OK, late.ToString());
        Assert.Equal("true", late.Header("Idempotent-Replayed"));
        Assert.Equal("expired", late.Header("Idempotent-First-Answer"));
        Assert.Equal(now.Long("version"), late.Body.Long("version"));
        Assert.Single(late.Body.Timeline(), e => e.Str("kind") == "obligationCompleted" && e.Str("ref") == "reachScene");
        Assert.Equal(now.Long("version"), (await after.Incident(id)).Long("version"));
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_not_kept_and_its_retry_is_still_applied_once()
    {
        using var directory = new TempDirectory("api");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), T0, Ct, "--Idempotency:AnswerMaxBytes=512");
        using var api = new ApiClient(engine.Client(Tokens.Commander));
        var key = $"register-{Guid.NewGuid()}";
        var registration = Bodies.Incident("Changzhi", T0.AddMinutes(-10), Bodies.CrossProvince());

        var first = await api.Post("/api/incidents", registration, key);
        Assert.True(first.Status == HttpStatusCode.Created, first.ToString());
        Assert.True(first.Text.Length > 512, "the view is larger than the limit set for the test");

        var retry = await api.Post("/api/incidents", registration, key);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal("expired", retry.Header("Idempotent-First-Answer"));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Body.Long("version"), retry.Body.Long("version"));
    }

    [Fact]
    public async Task A_replayed_enforcement_entry_returns_the_registry_as_it_was_answered()
    {
        using var directory = new TempDirectory("api");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), T0, Ct);
        using var api = new ApiClient(engine.Client(Tokens.DecisionMaker));
        var key = $"restriction-{Guid.NewGuid()}";
        var restriction = new { region = "Handan", reason = "air quality targets missed" };

        var first = await api.Post("/api/enforcement/restrictions", restriction, key);
        Assert.True(first.Status == HttpStatusCode.Created, first.ToString());
        var other = await api.Post("/api/enforcement/restrictions", new { region = "Xingtai", reason = "water targets missed" });
        Assert.True(other.Status == HttpStatusCode.Created, other.ToString());

        await AssertFirstAnswer(api, "/api/enforcement/restrictions", restriction, key, first);
    }

    [Theory]
    [InlineData("--Idempotency:AnswerWindow=forever", "Idempotency:AnswerWindow")]
    [InlineData("--Idempotency:AnswerWindow=31.00:00:00", "Idempotency:AnswerWindow")]
    [InlineData("--Idempotency:AnswerCount=257", "Idempotency:AnswerCount")]
    [InlineData("--Idempotency:AnswerCount=-1", "Idempotency:AnswerCount")]
    public void A_bad_answer_window_or_count_stops_the_start_naming_the_key(string setting, string key)
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([setting]));
        Assert.Equal(key, error.Key);
    }

    private static async Task AssertFirstAnswer(ApiClient api, string path, object body, string key, Reply first)
    {
        var replay = await api.Post(path, body, key);
        Assert.Equal(first.Status, replay.Status);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Null(replay.Header("Idempotent-First-Answer"));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Text, replay.Text);
    }
}
