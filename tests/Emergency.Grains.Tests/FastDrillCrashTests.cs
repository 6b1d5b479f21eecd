using System.Globalization;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Emergency.Grains.Drills;
using Emergency.Testing;
using Microsoft.Data.Sqlite;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>
/// A fast drill writes its cases at checkpoints, not once per inject; what it promises after a crash
/// (docs/drills.md): it resumes from its last checkpoint and ends with the same report as a run never interrupted.
/// </summary>
public sealed class FastDrillCrashTests : IAsyncLifetime
{
    /// <summary>Well over the commands of one turn of a fast run (400), so that a crash falls after a checkpoint and before the end.</summary>
    private const int Incidents = 500;

    private static readonly DateTimeOffset DrillStart = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Organiser = new("organiser", Role.DrillOrganiser);

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_fast_drill_crashed_between_checkpoints_resumes_from_the_last_one_and_ends_with_the_same_report()
    {
        var yaml = Generated();
        var whole = await RunToTheEndAsync("whole", yaml);

        await Start("crashed", yaml);
        var drill = _engine.Client.GetGrain<IDrillGrain>("crashed");
        await Eventually.Until(drill.GetStatus, s => s!.InjectsApplied >= 400, "the drill's first checkpoint", TimeSpan.FromSeconds(60));

        // Nothing can be written any more: the drill goes on in memory until its next checkpoint, and waits there.
        await using var holder = new SqliteConnection($"Data Source={_engine.DatabaseFile}");
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        var hold = holder.BeginTransaction(deferred: false);
        var directory = _engine.Client.GetGrain<IIncidentDirectoryGrain>(Scopes.Drill("crashed"));
        var (stored, inMemory) = await Eventually.Until(
            async () =>
            {
                var count = (await directory.History()).Count;
                return (count, count < Incidents && await HeldInMemory(DrillIds.Incident("crashed", $"i{count}")));
            },
            found => found.Item2,
            "an incident the drill holds in memory and has not stored",
            TimeSpan.FromSeconds(60));
        Assert.True(inMemory);
        Assert.InRange(stored, 1, Incidents - 1);

        await _engine.CrashAsync(afterCopy: hold.Dispose);

        var resumed = await Eventually.Until(
            () => _engine.Client.GetGrain<IDrillGrain>("crashed").GetStatus(),
            s => s!.Phase is DrillPhase.Finished or DrillPhase.Failed,
            "the drill to resume by itself and finish",
            TimeSpan.FromSeconds(120));
        Assert.True(resumed!.Phase == DrillPhase.Finished, resumed.Failure);
        Assert.Equal(whole, await _engine.Client.GetGrain<IDrillGrain>("crashed").GetReport());
        Assert.Equal(Incidents, (await _engine.Client.GetGrain<IIncidentDirectoryGrain>(Scopes.Drill("crashed")).History()).Count);
    }

    [Fact]
    public async Task A_fast_drill_crashed_before_its_first_checkpoint_starts_over_and_ends_with_the_same_report()
    {
        // Checkpoints every hour of engine time, which the test's clock never reaches: the drill stores its start, then nothing until its end.
        await using var engine = await EngineCluster.StartAsync(new FastDrillCheckpoints(1, TimeSpan.FromHours(1)));
        var yaml = Generated();
        var whole = await RunToTheEndAsync("whole", yaml, engine);

        await Start("crashed", yaml, engine);
        var running = await Eventually.Until(
            () => engine.Client.GetGrain<IDrillGrain>("crashed").GetStatus(),
            s => s!.InjectsApplied >= 400 || s.Phase != DrillPhase.Running,
            "the drill past its first turn",
            TimeSpan.FromSeconds(60));
        Assert.Equal(DrillPhase.Running, running!.Phase);
        Assert.Empty(await engine.Client.GetGrain<IIncidentDirectoryGrain>(Scopes.Drill("crashed")).History());

        await engine.CrashAsync();

        var resumed = await Eventually.Until(
            () => engine.Client.GetGrain<IDrillGrain>("crashed").GetStatus(),
            s => s!.Phase is DrillPhase.Finished or DrillPhase.Failed,
            "the drill to start over by itself and finish",
            TimeSpan.FromSeconds(120));
        Assert.True(resumed!.Phase == DrillPhase.Finished, resumed.Failure);
        Assert.Equal(whole, await engine.Client.GetGrain<IDrillGrain>("crashed").GetReport());
        Assert.Equal(Incidents, (await engine.Client.GetGrain<IIncidentDirectoryGrain>(Scopes.Drill("crashed")).History()).Count);
    }

    [Fact]
    public async Task A_fast_drill_that_finds_a_case_ahead_of_its_last_checkpoint_stops_failed_and_says_why()
    {
        // As a crash between a checkpoint's two writes leaves it: the case stored its first inject, the drill did not.
        var yaml = Generated();
        var scenario = ScenarioReader.Read(yaml, "crash.yaml");
        var first = scenario.Injects[0];
        var reported = (IncidentReported)first.Inject;
        var ahead = await _engine.Incident(DrillIds.Incident("ahead", reported.Incident)).Execute(
            reported.Command(scenario, first.At),
            new CommandContext(new Actor("scenario", Role.DutyCommander), "drill/ahead/1", scenario.At(first.At), Scopes.Drill("ahead"), Deferred: true));
        Assert.Equal(CommandStatus.Accepted, ahead.Status);

        await Start("ahead", yaml);
        var stopped = await Eventually.Until(
            () => _engine.Client.GetGrain<IDrillGrain>("ahead").GetStatus(), s => s!.Phase is DrillPhase.Finished or DrillPhase.Failed, "the drill to stop", TimeSpan.FromSeconds(60));

        Assert.Equal(DrillPhase.Failed, stopped!.Phase);
        Assert.Contains($"inject 1 (line {reported.Where.Line}) was already applied", stopped.Failure, StringComparison.Ordinal);
        Assert.Contains("start it again", stopped.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fast_drill_that_finds_a_warning_it_escalated_after_its_last_checkpoint_stops_failed_and_says_why()
    {
        // As a crash after an escalation and before the next checkpoint leaves it: the warning is stored escalated (it
        // defers nothing), the drill's progress is not. Here every write of the drill's progress after its start fails, so
        // its only stored progress is its start, whatever its first run does in memory.
        _engine.Execute("CREATE TRIGGER hold_drill_progress BEFORE UPDATE ON GrainState WHEN OLD.StateName = 'drill' BEGIN SELECT RAISE(ABORT, 'held by the test'); END;");
        await FileComplaints("escalated", 5, "Xiaohe chemical plant");
        var yaml = """
            title: Escalation crash drill
            region: Changzhi
            ruleSetDate: 2026-03-02
            start: 2026-03-02T06:00:00+08:00
            end: +8h
            injects:
              - at: +2h
                kind: warningEscalated
                enterprise: Xiaohe chemical plant
                incident: xiaohe
                title: Solvent leak suspected at the Xiaohe chemical plant
                source: hotline12369
                facts: {deaths: 0}
              - at: +3h
                kind: obligationCompleted
                incident: xiaohe
                obligation: reachScene
              - at: +5h
                kind: complaint
                channel: hotline12369
                enterprise: Xiaohe chemical plant
                text: The smell again.
            """;
        await Start("escalated", yaml);
        var firstRun = await Eventually.Until(
            () => _engine.Client.GetGrain<IDrillGrain>("escalated").GetStatus(), s => s!.Phase is DrillPhase.Finished or DrillPhase.Failed, "the first run to stop at its end", TimeSpan.FromSeconds(60));
        Assert.Equal(DrillPhase.Failed, firstRun!.Phase);
        Assert.Equal(0, firstRun.Refused);
        Assert.NotNull(Assert.Single(await _engine.Client.GetGrain<IWarningDirectoryGrain>(Scopes.Drill("escalated")).List()).Escalation);

        _engine.Execute("DROP TRIGGER hold_drill_progress;");
        await _engine.CrashAsync();

        var resumed = await Eventually.Until(
            () => _engine.Client.GetGrain<IDrillGrain>("escalated").GetStatus(), s => s!.Phase is DrillPhase.Finished or DrillPhase.Failed, "the drill to resume from its start and stop", TimeSpan.FromSeconds(60));
        var escalation = ScenarioReader.Read(yaml, "crash.yaml").Injects.Single(i => i.Inject is WarningEscalated);
        Assert.Equal(DrillPhase.Failed, resumed!.Phase);
        Assert.Contains($"inject {escalation.Sequence} (line {escalation.Inject.Where.Line}) was already applied", resumed.Failure, StringComparison.Ordinal);
        Assert.Contains("start it again", resumed.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deferred_command_is_answered_before_its_write_only_in_a_drill_until_the_flush_and_never_live()
    {
        var scope = Scopes.Drill("deferred");
        var drillCase = _engine.Incident("inc-deferred1");
        var registered = await drillCase.Execute(Minor(DrillStart), new CommandContext(Commander, "d-1", DrillStart.AddMinutes(10), scope, Deferred: true));

        Assert.Equal(CommandStatus.Accepted, registered.Status);
        Assert.Empty(await _engine.Client.GetGrain<IIncidentDirectoryGrain>(scope).History());
        await drillCase.Flush();
        Assert.Equal("inc-deferred1", Assert.Single(await _engine.Client.GetGrain<IIncidentDirectoryGrain>(scope).History()).Id);

        // Live work ignores the flag: the case is stored before it answers.
        var live = await _engine.Incident("inc-deferred2").Execute(Minor(_engine.Clock.GetUtcNow()), new CommandContext(Commander, "d-2", Deferred: true));
        Assert.Equal(CommandStatus.Accepted, live.Status);
        Assert.Contains(await _engine.OpenIncidentsAsync(), s => s.Id == "inc-deferred2");
    }

    /// <summary>
    /// The case answers from memory; or it does not answer at once, being in its write at the drill's next checkpoint,
    /// which the held database keeps from ending (a case reads its state on a connection of its own, never held).
    /// </summary>
    private async Task<bool> HeldInMemory(string incidentId)
    {
        var view = _engine.Incident(incidentId).GetView();
        return await Task.WhenAny(view, Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken)) != view || await view is not null;
    }

    /// <summary>Complaints about <paramref name="enterprise"/> filed in the drill's scope before it starts, ten minutes apart from its start, as the drill would file them.</summary>
    private async Task FileComplaints(string run, int count, string enterprise)
    {
        var complaints = ScenarioReader.Read(
            $$"""
            title: Complaints
            region: Changzhi
            ruleSetDate: 2026-03-02
            start: 2026-03-02T06:00:00+08:00
            end: +8h
            injects:
              - {at: +0, kind: complaint, channel: hotline12369, enterprise: {{enterprise}}, text: A smell of solvent., repeat: {{count}}, every: 10m}
            """,
            "complaints.yaml");
        var planner = new DrillRun(complaints, new DrillProgress());
        foreach (var scheduled in complaints.Injects)
        {
            var due = new DueInject(scheduled, new Actor("officer", DrillRun.PlayerRole(scheduled.Inject)));
            var send = (DrillSend.Complaint)planner.Plan(due, complaints.At(scheduled.At))!;
            var filed = await _engine.Client.GetGrain<IDisputeGrain>(DrillIds.Dispute($"{run}-before", scheduled.Sequence, scheduled.Copy))
                .Execute(send.Command, new CommandContext(due.Actor, $"before/{scheduled.Copy}", complaints.At(scheduled.At), Scopes.Drill(run)));
            Assert.Equal(CommandStatus.Accepted, filed.Status);
        }
    }

    private async Task Start(string run, string yaml, EngineCluster? on = null)
    {
        var started = await (on ?? _engine).Client.GetGrain<IDrillGrain>(run).Start(new DrillStart { Text = yaml, File = "crash.yaml", Mode = DrillMode.Fast, StartedBy = Organiser });
        Assert.True(started.Outcome == DrillOutcome.Done, string.Join("; ", started.Errors) + started.Reason);
    }

    private async Task<string> RunToTheEndAsync(string run, string yaml, EngineCluster? on = null)
    {
        var engine = on ?? _engine;
        await Start(run, yaml, engine);
        var finished = await Eventually.Until(
            () => engine.Client.GetGrain<IDrillGrain>(run).GetStatus(), s => s!.Phase is DrillPhase.Finished or DrillPhase.Failed, $"drill {run} to finish", TimeSpan.FromSeconds(120));
        Assert.True(finished!.Phase == DrillPhase.Finished, finished.Failure);
        return (await engine.Client.GetGrain<IDrillGrain>(run).GetReport())!;
    }

    /// <summary>Five injects per incident, one incident every four minutes; every third files its initial report late, so deadlines pass on the drill's clock.</summary>
    private static string Generated()
    {
        var yaml = new StringBuilder("""
            title: Crash drill
            region: Changzhi
            ruleSetDate: 2026-03-02
            start: 2026-03-02T00:00:00+08:00
            end: +48h
            injects:

            """);
        for (var i = 0; i < Incidents; i++)
        {
            var at = 4 * i;
            void Add(int after, string rest) => yaml.Append(CultureInfo.InvariantCulture, $"- {{at: +{at + after}m, incident: i{i}, {rest}}}\n");
            Add(0, "kind: incidentReported, title: T, source: patrol, facts: {deaths: 0}");
            Add(30, "kind: obligationCompleted, obligation: reachScene");
            Add(i % 3 == 0 ? 300 : 60, "kind: reportFiled, report: initial");
            Add(90, "kind: obligationCompleted, obligation: startMonitoring");
            Add(120, "kind: factsChanged, facts: {poisoned: 0, evacuated: 0}");
        }

        yaml.Append("expectations:\n  - obligationOnTime: {incident: i0, obligation: report}\n");
        return yaml.ToString();
    }
}
