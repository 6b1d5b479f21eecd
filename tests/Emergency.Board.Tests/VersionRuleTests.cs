using System.Text.Json;
using Emergency.Board.Tests.Infrastructure;

namespace Emergency.Board.Tests;

/// <summary>
/// The board's version rule, run in the browser on the page's own module: pushes are hints, newer ones win,
/// a jump of more than one version asks for the snapshot, and a closed incident never comes back.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class VersionRuleTests(BoardFixture fixture)
{
    [Fact]
    public async Task Newer_versions_apply_older_ones_are_dropped_and_a_jump_is_a_gap()
    {
        var results = await Run("""
            const store = new IncidentStore();
            store.loadSnapshot([summary('a', 3)]);
            return [
              store.receive(summary('a', 3)),
              store.receive(summary('a', 2)),
              store.receive(summary('a', 4)),
              store.receive(summary('a', 6)),
              store.get('a').version,
              store.receive(summary('b', 5)),
              store.incidents.length,
            ];
            """);
        Assert.Equal("""["ignored","ignored","applied","gap",6,"applied",2]""", results);
    }

    [Fact]
    public async Task Pushes_during_a_snapshot_load_wait_and_only_newer_ones_apply()
    {
        var results = await Run("""
            const store = new IncidentStore();
            store.beginLoad();
            const buffered = [store.receive(summary('a', 4)), store.receive(summary('a', 6)), store.receive(summary('c', 1))];
            const gap = store.loadSnapshot([summary('a', 5), summary('b', 2)]);
            return [...buffered, gap, store.get('a').version, store.get('b').version, store.get('c').version, store.loading];
            """);
        Assert.Equal("""["buffered","buffered","buffered",false,6,2,1,false]""", results);
    }

    [Fact]
    public async Task A_closed_incident_leaves_and_stays_gone()
    {
        var results = await Run("""
            const store = new IncidentStore();
            store.loadSnapshot([summary('a', 7), summary('b', 1)]);
            const closed = store.receive({ ...summary('a', 8), phase: 'closed' });
            const late = store.receive(summary('a', 7));
            // b closed while the board was away: absent from the next snapshot, and a late push stays dropped.
            store.loadSnapshot([]);
            return [closed, late, store.get('a') ?? null, store.receive(summary('b', 1)), store.incidents.length];
            """);
        Assert.Equal("""["applied","ignored",null,"ignored",0]""", results);
    }

    private async Task<string> Run(string body)
    {
        await using var board = await fixture.OpenBoard();
        await board.Page.GotoAsync("/");
        var result = await board.Page.EvaluateAsync<JsonElement>($$"""
            async () => {
              const { IncidentStore } = await import('/js/store.js');
              const summary = (id, version) => ({ id, version, phase: 'responding', obligations: [], alerts: [] });
              {{body}}
            }
            """);
        return result.GetRawText();
    }
}
