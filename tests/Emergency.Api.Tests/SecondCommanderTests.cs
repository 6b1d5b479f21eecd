using Emergency.Testing;
using Emergency.Testing.Engine;
using System.Net;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Host.Auth;

namespace Emergency.Api.Tests;

/// <summary>Two duty commanders on one engine (a tokens file of its own): an idempotency key belongs to the user who sent it.</summary>
public sealed class SecondCommanderTests
{
    private const string SecondToken = "second-commander-token";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_users_idempotency_key_is_not_another_users_replay_or_conflict()
    {
        using var directory = new TempDirectory("api");
        var tokens = Path.Combine(directory.Path, "tokens.json");
        await File.WriteAllTextAsync(tokens, $$"""
            { "users": [
              { "user": "duty.zhang", "role": "dutyCommander", "tokenHmac": "{{Hash(Tokens.Commander)}}" },
              { "user": "duty.wu", "role": "dutyCommander", "tokenHmac": "{{Hash(SecondToken)}}" }
            ] }
            """, Ct);
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), EngineFixture.Start, Ct, $"--Auth:TokensFile={tokens}");
        using var zhang = new ApiClient(engine.Client(Tokens.Commander));
        using var wu = new ApiClient(engine.Client(SecondToken));
        const string key = "shift-handover-1";
        const string commandKey = "scene-1";

        // The same key registers one incident per user.
        var body = Bodies.Incident("Changzhi", EngineFixture.Start.AddMinutes(-5));
        var mine = await zhang.Post("/api/incidents", body, key);
        var theirs = await wu.Post("/api/incidents", body, key);
        Assert.Equal(HttpStatusCode.Created, mine.Status);
        Assert.Equal(HttpStatusCode.Created, theirs.Status);
        Assert.Null(theirs.Header("Idempotent-Replayed"));
        Assert.NotEqual(mine.Body.Str("id"), theirs.Body.Str("id"));
        Assert.Equal("duty.wu (DutyCommander)", theirs.Body.Str("registeredBy"));

        // On one incident, Wu's command under Zhang's key is Wu's own command: neither a replay of Zhang's nor a reuse.
        var id = mine.Body.Str("id");
        await zhang.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(note: "Zhang on site"), commandKey);
        var sameCommand = await wu.Post($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(note: "Zhang on site"), commandKey);
        Assert.Null(sameCommand.Header("Idempotent-Replayed"));
        Problem.AssertNotAllowed(sameCommand, "already completed");
        var otherCommand = await wu.Post($"/api/incidents/{id}/obligations/organiseInvestigation/complete", Bodies.Completion(note: "team sent"), commandKey);
        Assert.True(otherCommand.Status == HttpStatusCode.OK, otherCommand.ToString());
        Assert.Equal("duty.wu (DutyCommander)", otherCommand.Body.Obligation("organiseInvestigation").Str("completedBy"));

        // Each user's own retry is still a replay.
        var retry = await zhang.Post($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(note: "Zhang on site"), commandKey);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
    }

    private static string Hash(string token) => MachineTokens.Hash(SignInSettings.DevelopmentTokenKey, token);
}
