using System.Text.Json;
using Emergency.Board.Tests.Infrastructure;

namespace Emergency.Board.Tests;

/// <summary>
/// The board's version rule, run in the browser on the page's own module, the same for every kind of case: pushes are
/// hints, newer ones win, a jump of more than one version asks for the snapshot, and a closed case never comes back.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class VersionRuleTests(BoardFixture fixture)
{
    [Fact]
    public async Task Newer_versions_apply_older_ones_are_dropped_and_a_jump_is_a_gap()
    {
        var results = await Run("""
            const store = new CaseStore();
            store.loadSnapshot({ incidents: [summary('a', 3)] });
            return [
              store.receive(push('incident', 'a', 3)),
              store.receive(push('incident', 'a', 2)),
              store.receive(push('incident', 'a', 4)),
              store.receive(push('incident', 'a', 6)),
              store.get('incident', 'a').version,
              store.receive(push('incident', 'b', 5)),
              store.cases('incident').length,
            ];
            """);
        Assert.Equal("""["ignored","ignored","applied","gap",6,"applied",2]""", results);
    }

    [Fact]
    public async Task Pushes_during_a_snapshot_load_wait_and_only_newer_ones_apply()
    {
        var results = await Run("""
            const store = new CaseStore();
            store.beginLoad();
            const buffered = [store.receive(push('incident', 'a', 4)), store.receive(push('incident', 'a', 6)), store.receive(push('dispute', 'c', 1))];
            const gap = store.loadSnapshot({ incidents: [summary('a', 5), summary('b', 2)] });
            return [...buffered, gap, store.get('incident', 'a').version, store.get('incident', 'b').version, store.get('dispute', 'c').version, store.loading];
            """);
        Assert.Equal("""["buffered","buffered","buffered",false,6,2,1,false]""", results);
    }

    /// <summary>The lanes whose cases close: incidents, petitions and complaints (the old disputes copy forgot them), major decisions.</summary>
    [Theory]
    [InlineData("incident", "incidents")]
    [InlineData("dispute", "disputes")]
    [InlineData("decision", "decisions")]
    public async Task A_closed_case_leaves_its_lane_and_stays_gone(string kind, string listed)
    {
        var results = await Run($$"""
            const store = new CaseStore();
            const snapshot = list => ({ {{listed}}: list });
            store.loadSnapshot(snapshot([summary('a', 7), summary('b', 1)]));
            const closed = store.receive(push('{{kind}}', 'a', 8, true));
            const late = store.receive(push('{{kind}}', 'a', 7));
            // A snapshot read a moment before the close still lists it: the close stands.
            store.loadSnapshot(snapshot([summary('a', 7), summary('b', 1)]));
            const stale = store.get('{{kind}}', 'a') ?? null;
            // b closed while the board was away: absent from the next snapshot, and a late push stays dropped.
            store.loadSnapshot(snapshot([]));
            return [closed, late, stale, store.receive(push('{{kind}}', 'b', 1)), store.cases('{{kind}}').length];
            """);
        Assert.Equal("""["applied","ignored",null,"ignored",0]""", results);
    }

    /// <summary>A lane the snapshot holds in part (the most urgent cases, when very many are open) says nothing of the others.</summary>
    [Theory]
    [InlineData("incident", "incidents")]
    [InlineData("dispute", "disputes")]
    public async Task A_case_missing_from_a_partial_lane_is_not_taken_for_closed_and_comes_back_with_its_next_push(string kind, string listed)
    {
        var results = await Run($$"""
            const store = new CaseStore();
            store.loadSnapshot({ {{listed}}: [summary('a', 1), summary('b', 4)] });
            const wholeBefore = store.complete('{{kind}}');
            // Many more are open now: the snapshot holds the most urgent, b among them, a not.
            store.loadSnapshot({ {{listed}}: [summary('b', 4)], {{listed}}Complete: false, laneLimit: 1 });
            const partial = [store.complete('{{kind}}'), store.get('{{kind}}', 'a') ?? null, store.cases('{{kind}}').length, store.laneLimit];
            // a was not closed: its next version shows again (were it taken for closed at version 1, 2 would still apply,
            // so the test asks for the same version: a closed case would drop it).
            const again = store.receive(push('{{kind}}', 'a', 1));
            store.loadSnapshot({ {{listed}}: [summary('b', 4)] });
            return [wholeBefore, ...partial, again, store.get('{{kind}}', 'a') ?? null, store.complete('{{kind}}')];
            """);
        Assert.Equal("""[true,false,null,1,1,"applied",null,true]""", results);
    }

    [Theory]
    [InlineData("dispute")]
    [InlineData("warning")]
    [InlineData("decision")]
    [InlineData("enforcement")]
    public async Task Every_lane_reports_a_gap(string kind)
    {
        var results = await Run($$"""
            const store = new CaseStore();
            return [store.receive(push('{{kind}}', 'a', 1)), store.receive(push('{{kind}}', 'a', 3)), store.get('{{kind}}', 'a').version];
            """);
        Assert.Equal("""["applied","gap",3]""", results);
    }

    [Fact]
    public async Task The_lanes_are_apart_and_a_kind_the_board_does_not_show_is_ignored()
    {
        var results = await Run("""
            const store = new CaseStore();
            store.loadSnapshot({ incidents: [summary('a', 2)], enforcement: summary('registry', 4) });
            return [
              store.receive(push('dispute', 'a', 1)),
              store.get('incident', 'a').version,
              store.receive(push('enforcement', 'registry', 4)),
              store.receive(push('suggestion', 'a', 9)),
            ];
            """);
        Assert.Equal("""["applied",2,"ignored","ignored"]""", results);
    }

    private async Task<string> Run(string body)
    {
        await using var board = await fixture.OpenBoard();
        await board.Page.GotoAsync("/");
        var result = await board.Page.EvaluateAsync<JsonElement>($$"""
            async () => {
              const { CaseStore } = await import('/js/store.js');
              const summary = (id, version) => ({ id, version, phase: 'responding', obligations: [], alerts: [] });
              const push = (kind, id, version, closed = false) => ({ scope: 'live', kind, summary: summary(id, version), closed });
              {{body}}
            }
            """);
        return result.GetRawText();
    }
}
