using System.Text.Json;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Contracts;
using Emergency.Domain.Enforcement;
using Emergency.Host.Board;

namespace Emergency.Api.Tests;

/// <summary>What a board is sent: one message for every kind of case, naming the kind, keyed as the snapshot keys it.</summary>
[Collection(SharedEngine.Name)]
public sealed class BoardChangeTests(EngineFixture engine)
{
    [Fact]
    public void A_change_names_its_kind_and_a_kind_no_board_shows_sends_nothing()
    {
        var registry = new EnforcementSummary
        {
            Id = EnforcementRegistries.KeyOf(Scopes.Live),
            Scope = Scopes.Live,
            RestrictionsInForce = [],
            SupervisionsInPlace = 0,
            SupervisionsOverdue = 0,
            Blacklisted = 0,
            Version = 3,
            AsOf = engine.Now,
        };

        var change = CaseChange.Of(new BoardUpdate { Scope = Scopes.Live, Enforcement = registry });

        Assert.Equal(new CaseChange(Scopes.Live, "enforcement", registry, Closed: false), change);
        var json = JsonSerializer.SerializeToNode(change, DomainJson.Options)!.AsObject();
        Assert.Equal(["scope", "kind", "summary", "closed"], json.Select(p => p.Key));
        Assert.Equal(registry.Id, json["summary"]!.Str("id"));

        // A suggestion's update names no lane: boards are sent nothing.
        Assert.Null(CaseChange.Of(new BoardUpdate { Scope = Scopes.Live }));
    }

    [Fact]
    public async Task The_snapshot_keys_the_enforcement_registry_as_its_pushes_do()
    {
        var board = (await engine.Observer.Get("/api/board")).Body;

        Assert.Equal(EnforcementRegistries.KeyOf(Scopes.Live), board["enforcement"]!.Str("id"));
    }
}
