using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>A hop of the reporting chain played as a scenario step: the API's recordHop record, read from 'with'.</summary>
[Collection(DrillEngineCollection.Name)]
public sealed class ReportingChainDrillTests(DrillEngine engine)
{
    private const string Lucheng = """
        title: A spill in Lucheng reported up to Changzhi
        region: 潞城区
        ruleSetDate: 2026-03-01
        start: 2026-03-01T08:00:00+08:00
        end: +6h
        injects:
          - at: +0
            kind: incidentReported
            incident: spill
            title: Aniline in a Lucheng ditch
            source: patrol
            facts: {deaths: 0, poisoned: 0, evacuated: 0, directLossCny: 0, intakeInterruption: {scale: none}, crossBoundary: none, ecologicalImpact: none}
          - at: +1h
            kind: incident
            incident: spill
            action: recordHop
            with: {hop: reportUp-140406-140400, sentAt: "2026-03-01T08:50:00+08:00", receivedAt: "2026-03-01T08:55:00+08:00", medium: written, sentBy: Duty officer Li, receivedBy: Duty officer Zhao}
        expectations:
          - obligationOnTime: {incident: spill, obligation: report}
        """;

    [Fact]
    public async Task A_recordHop_step_records_the_hop_in_the_drill()
    {
        var (_, json) = await engine.RunFastAsync(Lucheng, "lucheng-chain.yaml");
        var report = DrillReportJson.Deserialize(json);

        Assert.Empty(report.Refused);
        var incident = Assert.Single(report.Incidents);
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineKind.ObligationCompleted && e.Text.Code == ChainTexts.HopReceived.Code);
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineKind.ObligationOverdue && e.Text.En().Contains("report up the chain", StringComparison.Ordinal));
    }
}
