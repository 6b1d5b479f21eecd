using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Tests.Drills;

/// <summary>Drill runs over small scenarios read from YAML, with the incident a report brings in answered by the real domain.</summary>
public static class Runs
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, Times.China);

    /// <summary>A scenario that reports the incident 'spill' (level IV) at +0, then <paramref name="injects"/>.</summary>
    public static string Scenario(string injects = "", string header = "") => $$"""
        title: Test drill
        region: Testland
        ruleSetDate: 2026-03-01
        start: 2026-03-01T08:00:00+08:00
        {{header}}
        injects:
          - at: +0
            kind: incidentReported
            incident: spill
            title: Test spill
            source: patrol
            facts: {deaths: 0, poisoned: 0, evacuated: 0, directLossCny: 0, intakeInterruption: {scale: none}, crossBoundary: none, ecologicalImpact: none}
        {{injects}}
        """;

    /// <summary>A fresh run of <see cref="Scenario"/>, its paced clock anchored at the engine's <paramref name="engineNow"/>.</summary>
    public static DrillRun Of(string injects = "", string header = "", double speed = 1, DateTimeOffset? engineNow = null)
    {
        var run = new DrillRun(ScenarioReader.Read(Scenario(injects, header), "test.yaml"), new DrillProgress { Speed = speed });
        run.Begin(engineNow ?? Engine);
        return run;
    }

    /// <summary>The engine's clock when a run begins: any moment, unrelated to the drill's own clock.</summary>
    public static readonly DateTimeOffset Engine = new(2031, 7, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Answers the report due at <paramref name="due"/> as the engine does: the incident 'spill' registered under the id inc-spill.</summary>
    public static void Register(DrillRun run, DueMoment due)
    {
        var report = due.Injects.Single(i => i.Scheduled.Inject is IncidentReported);
        run.Registered("spill", "inc-spill", report, Drive.Register(Facts.Known, Start, Start).View(due.Moment), due.Moment);
        run.Done(due, []);
    }

    public static EarlyWarningRecord Warning(string id, string enterprise, DateTimeOffset raisedAt, bool escalated = false) => new()
    {
        Id = id,
        Scope = "drill-test",
        SubjectKind = ClusterSubjectKind.Enterprise,
        Subject = enterprise,
        Region = "Testland",
        RaisedAt = raisedAt,
        FirstAt = raisedAt,
        Evidence = [],
        Rule = Message.Literal("test"),
        RuleSetId = "test",
        Escalation = escalated ? new WarningEscalation { IncidentId = "inc-earlier", At = raisedAt, By = "duty-1" } : null,
        Version = 1,
    };
}
