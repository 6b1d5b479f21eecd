using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>History before every rule set drilled as a what-if: judged under a rule set the scenario names, and marked so in the report.</summary>
[Collection(DrillEngineCollection.Name)]
public sealed class WhatIfDrillTests(DrillEngine engine)
{
    /// <summary>The Songhua river benzene spill of 2005 (DOMAIN.md), long before the first national rule set, judged under today's.</summary>
    private const string Songhua = """
        title: Songhua river benzene spill under today's rules
        region: Jilin
        ruleSetDate: 2005-11-13
        judgedUnder: cn-2014
        start: 2005-11-13T13:45:00+08:00
        end: +1d
        injects:
          - at: +1h
            kind: incidentReported
            incident: songhua
            title: Benzene into the Songhua river after the Jilin plant explosion
            source: enterprise
            discovered: +0
            facts: {deaths: 5, poisoned: 0, evacuated: 10000, directLossCny: 0, drinkingWaterIntakeCut: none, crossBoundary: none, ecologicalImpact: none}
        expectations:
          - obligationOnTime: {incident: songhua, obligation: report}
        """;

    [Fact]
    public async Task A_spill_before_every_rule_set_is_judged_under_the_rule_set_named_and_the_report_says_it_is_a_what_if()
    {
        var (_, json) = await engine.RunFastAsync(Songhua, "songhua-what-if.yaml");
        var report = DrillReportJson.Deserialize(json);

        Assert.Equal(("cn-2014", "cn-2014"), (report.Scenario.JudgedUnder, report.Scenario.RuleSet));
        var incident = Assert.Single(report.Incidents);
        Assert.Equal("cn-2014", incident.RuleSet);
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineKind.Registered && e.Text.En().Contains("judged by rule set cn-2014 (a what-if: the rule set in force at discovery is none)", StringComparison.Ordinal));
        Assert.Empty(report.Refused);

        var (_, again) = await engine.RunFastAsync(Songhua, "songhua-what-if.yaml");
        Assert.Equal(json, again);
    }

    [Fact]
    public async Task A_drill_that_is_not_a_what_if_says_so()
    {
        var (_, json) = await engine.RunFastAsync(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");

        Assert.Null(DrillReportJson.Deserialize(json).Scenario.JudgedUnder);
    }
}
