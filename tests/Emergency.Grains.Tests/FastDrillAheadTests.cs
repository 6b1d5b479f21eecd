using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Testing;

namespace Emergency.Grains.Tests;

/// <summary>
/// A fast drill sends the moves of different incidents ahead of each other's answers (docs/drills.md): each incident still
/// gets its moves and deadline advances in order, and what reads other cases (complaints, an escalation) waits for
/// everything before it, so its report is the report of a run taken one moment at a time.
/// </summary>
public sealed class FastDrillAheadTests : IAsyncLifetime
{
    private const int Incidents = 120;

    private static readonly Actor Organiser = new("organiser", Role.DrillOrganiser);

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_fast_drill_sending_ahead_ends_with_the_report_of_the_same_drill_taken_one_moment_at_a_time()
    {
        var yaml = Generated();

        // Paced, then jumped to its end: every moment is applied and answered before the next.
        var paced = _engine.Client.GetGrain<IDrillGrain>("one-at-a-time");
        await Start(paced, yaml, DrillMode.Paced);
        var jumped = await paced.JumpTo(TimeSpan.FromHours(60));
        Assert.True(jumped.Status?.Phase == DrillPhase.Finished, jumped.Reason?.ToString() ?? jumped.Status?.Failure);

        var fast = _engine.Client.GetGrain<IDrillGrain>("ahead");
        await Start(fast, yaml, DrillMode.Fast);
        var finished = await Eventually.Until(fast.GetStatus, s => s!.Phase is DrillPhase.Finished or DrillPhase.Failed, "the fast drill to finish", TimeSpan.FromSeconds(120));
        Assert.True(finished!.Phase == DrillPhase.Finished, finished.Failure);

        var onePerMoment = Report(await paced.GetReport());
        var ahead = Report(await fast.GetReport());
        Assert.Equal("paced", (string?)onePerMoment["mode"]);
        Assert.Equal("fast", (string?)ahead["mode"]);
        onePerMoment["mode"] = "fast";
        Assert.Equal(onePerMoment.ToJsonString(), ahead.ToJsonString());

        // The drill did what the test says it does: deadlines were marked on its clock, the surge escalated, nothing was refused.
        Assert.Contains("\"obligationOverdue\"", ahead.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Incidents + 1, ahead["incidents"]!.AsArray().Count);
        Assert.Single(ahead["warnings"]!.AsArray());
        Assert.Empty(ahead["refused"]!.AsArray());
        Assert.Equal(Incidents / 10, ahead["messages"]!.AsArray().Count);
    }

    private static JsonObject Report(string? json) => JsonNode.Parse(json ?? throw new InvalidOperationException("no report"))!.AsObject();

    private static async Task Start(IDrillGrain drill, string yaml, DrillMode mode)
    {
        var started = await drill.Start(new DrillStart { Text = yaml, File = "ahead.yaml", Mode = mode, Speed = mode == DrillMode.Paced ? 1 : 0, StartedBy = Organiser });
        Assert.True(started.Outcome == DrillOutcome.Done, string.Join("; ", started.Errors) + started.Reason);
    }

    /// <summary>
    /// Five injects per incident, one incident every four minutes, a third reporting late so that deadlines pass between
    /// moves; a message now and then at the moment of a report, and five complaints about one plant escalated into an
    /// incident, which is then acted on, in the middle of it all.
    /// </summary>
    private static string Generated()
    {
        var yaml = new StringBuilder("""
            title: Ahead drill
            region: Changzhi
            ruleSetDate: 2026-03-02
            start: 2026-03-02T00:00:00+08:00
            end: +60h
            injects:
              - {at: +1h, kind: complaint, channel: hotline12369, enterprise: Xiaohe chemical plant, text: A smell of solvent., repeat: 5, every: 10m}
              - {at: +3h, kind: warningEscalated, enterprise: Xiaohe chemical plant, incident: xiaohe, title: Solvent leak, source: hotline12369, facts: {deaths: 0}}
              - {at: +3h30m, kind: obligationCompleted, incident: xiaohe, obligation: reachScene}

            """);
        for (var i = 0; i < Incidents; i++)
        {
            var at = 4 * i;
            void Add(int after, string rest) => yaml.Append(CultureInfo.InvariantCulture, $"  - {{at: +{at + after}m, incident: i{i}, {rest}}}\n");
            Add(0, "kind: incidentReported, title: T, source: patrol, facts: {deaths: 0}");
            Add(30, "kind: obligationCompleted, obligation: reachScene");
            Add(i % 3 == 0 ? 300 : 60, "kind: reportFiled, report: initial");
            Add(90, "kind: obligationCompleted, obligation: startMonitoring");
            Add(120, "kind: factsChanged, facts: {poisoned: 0, evacuated: 0}");
            if (i % 10 == 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - {{at: +{at}m, kind: message, text: incident {i} reported}}\n");
            }
        }

        yaml.Append("expectations:\n  - obligationOnTime: {incident: i0, obligation: report}\n");
        return yaml.ToString();
    }
}
