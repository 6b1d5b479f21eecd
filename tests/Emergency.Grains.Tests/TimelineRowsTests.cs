using Emergency.Contracts;
using Emergency.Domain.Incidents;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>
/// An incident's timeline stored as rows: a command on a case with ten thousand entries writes only its own entries and
/// answers the newest page; an incident stored with its timeline in its JSON (before rows) loads whole and moves it to
/// rows at its next write.
/// </summary>
public sealed class TimelineRowsTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_command_on_an_incident_with_ten_thousand_entries_writes_only_its_own_entries_and_answers_the_newest_page()
    {
        const string id = "inc-longhistory";
        var now = _engine.Clock.GetUtcNow();
        Assert.Equal(CommandStatus.Accepted, (await _engine.Incident(id).Execute(Minor(now), As())).Status);
        var registered = Scalar("SELECT COUNT(*) FROM CaseTimeline WHERE CaseId = 'inc-longhistory'");
        var small = PayloadLength(id);

        // Ten thousand more entries, as a long spill's follow-ups would leave; the first one marked so a rewrite would show.
        await _engine.RestartAsync(() => Execute(
            $"""
            WITH RECURSIVE n(i) AS (SELECT {registered + 1} UNION ALL SELECT i + 1 FROM n WHERE i < {registered + 10_000})
            INSERT INTO CaseTimeline (ServiceId, Kind, CaseId, Seq, Entry)
            SELECT t.ServiceId, t.Kind, t.CaseId, n.i, json_set(t.Entry, '$.seq', n.i) FROM n, CaseTimeline t WHERE t.CaseId = '{id}' AND t.Seq = 1;
            UPDATE CaseTimeline SET Entry = json_set(Entry, '$.actor', 'untouched') WHERE CaseId = '{id}' AND Seq = 1;
            UPDATE GrainState SET PayloadBinary = CAST(json_set(CAST(PayloadBinary AS TEXT), '$.timelineRows', {registered + 10_000}) AS BLOB)
            WHERE StateName = 'incident' AND KeyExtension = '{id}';
            """));

        var result = await _engine.Incident(id).Execute(new UpdateFacts { Facts = FactsPatch.Empty.With("evacuated", 20) }, As());

        Assert.Equal(CommandStatus.Accepted, result.Status);
        var total = Scalar($"SELECT COUNT(*) FROM CaseTimeline WHERE CaseId = '{id}'");
        Assert.True(total > registered + 10_000, $"{total} rows");
        Assert.Equal(total, (long)result.View!.TimelineCount);
        Assert.Equal(Enumerable.Range((int)total - 49, 50), result.View.Timeline.Select(e => e.Seq));
        Assert.Equal(1L, Scalar($"SELECT COUNT(*) FROM CaseTimeline WHERE CaseId = '{id}' AND Seq = 1 AND Entry LIKE '%untouched%'"));

        // The state's row counts the rows and holds none of them: it grew by the digits of the count and the new facts.
        Assert.InRange(PayloadLength(id), small - 100, small + 100);
        Assert.Equal((int)total, (await _engine.Incident(id).GetView())!.Timeline.Count);
    }

    [Fact]
    public async Task An_incident_stored_with_its_timeline_in_its_json_loads_it_whole_and_moves_it_to_rows_at_its_next_write()
    {
        const string id = "inc-oldtimeline";
        var now = _engine.Clock.GetUtcNow();
        Assert.Equal(CommandStatus.Accepted, (await _engine.Incident(id).Execute(Minor(now), As())).Status);
        var before = (await _engine.Incident(id).GetView())!.Timeline;

        // The row as the engine stored it before timelines had rows: the timeline inside the case, no count, no rows.
        await _engine.RestartAsync(() => Execute(
            $"""
            UPDATE GrainState SET PayloadBinary = CAST(json_remove(json_set(CAST(PayloadBinary AS TEXT), '$.case.timeline',
                (SELECT json_group_array(json(Entry)) FROM (SELECT Entry FROM CaseTimeline WHERE CaseId = '{id}' ORDER BY Seq))), '$.timelineRows') AS BLOB)
            WHERE StateName = 'incident' AND KeyExtension = '{id}';
            DELETE FROM CaseTimeline WHERE CaseId = '{id}';
            """));
        Assert.Contains("\"timeline\":[", Payload(id), StringComparison.Ordinal);

        Assert.Equal(before, (await _engine.Incident(id).GetView())!.Timeline);
        Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM CaseTimeline WHERE CaseId = '{id}'"));

        var result = await _engine.Incident(id).Execute(new UpdateFacts { Facts = FactsPatch.Empty.With("evacuated", 20) }, As());

        Assert.Equal(CommandStatus.Accepted, result.Status);
        var after = result.View!.Timeline;
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal((long)after.Count, Scalar($"SELECT COUNT(*) FROM CaseTimeline WHERE CaseId = '{id}'"));
        Assert.DoesNotContain("\"timeline\":", Payload(id), StringComparison.Ordinal);
        await _engine.RestartAsync();
        Assert.Equal(after, (await _engine.Incident(id).GetView())!.Timeline);
    }

    [Fact]
    public async Task An_incident_whose_rows_name_their_obligation_as_stored_before_every_kind_shared_one_entry_loads_them_unchanged()
    {
        const string id = "inc-oldentries";
        var now = _engine.Clock.GetUtcNow();
        Assert.Equal(CommandStatus.Accepted, (await _engine.Incident(id).Execute(Minor(now), As())).Status);
        var before = (await _engine.Incident(id).GetView())!.Timeline;
        Assert.Contains(before, e => e.Ref is not null);

        // The rows as the engine wrote an incident's entries before: what an entry is about under "obligation", no "ref".
        await _engine.RestartAsync(() => Execute(
            $"UPDATE CaseTimeline SET Entry = json_remove(json_set(Entry, '$.obligation', json_extract(Entry, '$.ref')), '$.ref') WHERE CaseId = '{id}';"));
        Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM CaseTimeline WHERE CaseId = '{id}' AND Entry LIKE '%\"ref\"%'"));

        Assert.Equal(before, (await _engine.Incident(id).GetView())!.Timeline);
    }

    private int PayloadLength(string id) => Payload(id).Length;

    private string Payload(string id) =>
        (string)_engine.Scalar($"SELECT CAST(PayloadBinary AS TEXT) FROM GrainState WHERE StateName = 'incident' AND KeyExtension = '{id}'");

    private void Execute(string sql) => _engine.Execute(sql);

    private long Scalar(string sql) => (long)_engine.Scalar(sql);
}
