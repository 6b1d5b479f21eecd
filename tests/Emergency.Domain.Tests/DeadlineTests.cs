using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>Deadlines of the five first-moment obligations, all counted from discovery.</summary>
public sealed class DeadlineTests
{
    [Theory]
    // ruleSet, level, unclear, sensitive factor, then hours for: report, reachScene, startMonitoring, organiseInvestigation, releaseInformation
    [InlineData("cn-2014", IncidentLevel.IV, false, null, 4, 2, 4, 48, 24)]
    [InlineData("cn-2014", IncidentLevel.III, false, null, 4, 2, 4, 48, 24)]
    [InlineData("cn-2014", IncidentLevel.II, false, null, 2, 1, 2, 24, 5)]
    [InlineData("cn-2014", IncidentLevel.I, false, null, 2, 1, 2, 24, 5)]
    [InlineData("cn-2011", IncidentLevel.IV, false, null, 4, 2, 4, 48, 24)]
    [InlineData("cn-2011", IncidentLevel.III, false, null, 4, 2, 4, 48, 24)]
    [InlineData("cn-2011", IncidentLevel.II, false, null, 2, 1, 2, 24, 5)]
    [InlineData("cn-2011", IncidentLevel.I, false, null, 2, 1, 2, 24, 5)]
    // level unclear with a sensitive factor: the 2 h reporting rule; sensitive: information within 5 h
    [InlineData("cn-2014", IncidentLevel.IV, true, "drinkingWaterSource", 2, 2, 4, 48, 5)]
    [InlineData("cn-2014", IncidentLevel.IV, true, "sensitiveReceptors", 2, 2, 4, 48, 5)]
    [InlineData("cn-2014", IncidentLevel.IV, true, "heavyMetals", 2, 2, 4, 48, 5)]
    [InlineData("cn-2014", IncidentLevel.IV, true, "possibleCrossProvince", 2, 2, 4, 48, 5)]
    [InlineData("cn-2014", IncidentLevel.IV, true, "massIncident", 2, 2, 4, 48, 5)]
    [InlineData("cn-2014", IncidentLevel.III, true, "heavyMetals", 2, 2, 4, 48, 5)]
    [InlineData("cn-2011", IncidentLevel.IV, true, "drinkingWaterSource", 2, 2, 4, 48, 5)]
    [InlineData("cn-2011", IncidentLevel.III, true, "massIncident", 2, 2, 4, 48, 5)]
    // level unclear without sensitive factors: the level's own windows
    [InlineData("cn-2014", IncidentLevel.IV, true, null, 4, 2, 4, 48, 24)]
    [InlineData("cn-2014", IncidentLevel.III, true, null, 4, 2, 4, 48, 24)]
    [InlineData("cn-2011", IncidentLevel.IV, true, null, 4, 2, 4, 48, 24)]
    [InlineData("cn-2014", IncidentLevel.II, true, null, 2, 1, 2, 24, 5)]
    // sensitive but the level is clear: reporting follows the level, information release the 5 h rule
    [InlineData("cn-2014", IncidentLevel.IV, false, "drinkingWaterSource", 4, 2, 4, 48, 5)]
    [InlineData("cn-2014", IncidentLevel.III, false, "massIncident", 4, 2, 4, 48, 5)]
    [InlineData("cn-2011", IncidentLevel.IV, false, "heavyMetals", 4, 2, 4, 48, 5)]
    [InlineData("cn-2014", IncidentLevel.I, false, "heavyMetals", 2, 1, 2, 24, 5)]
    public void Deadlines_follow_level_clarity_and_sensitivity(
        string ruleSet, IncidentLevel level, bool unclear, string? sensitive,
        double report, double reachScene, double startMonitoring, double organiseInvestigation, double releaseInformation)
    {
        var facts = FactsFor(level, unclear, sensitive);
        var discovered = ruleSet == "cn-2011" ? Times.Discovery2011 : Times.Discovery2014;

        var incident = Drive.Register(facts, discovered);

        Assert.Equal(ruleSet, incident.State.RuleSetId);
        Assert.Equal(level, incident.State.Grade!.Level);
        Assert.Equal(unclear, incident.State.Grade.Unclear);
        Assert.Equal(discovered.Hours(report), incident.Obligation(ObligationKind.Report).DueAt);
        Assert.Equal(discovered.Hours(reachScene), incident.Obligation(ObligationKind.ReachScene).DueAt);
        Assert.Equal(discovered.Hours(startMonitoring), incident.Obligation(ObligationKind.StartMonitoring).DueAt);
        Assert.Equal(discovered.Hours(organiseInvestigation), incident.Obligation(ObligationKind.OrganiseInvestigation).DueAt);
        Assert.Equal(discovered.Hours(releaseInformation), incident.Obligation(ObligationKind.ReleaseInformation).DueAt);
    }

    [Fact]
    public void Every_first_moment_obligation_gets_a_deadline_and_a_timeline_entry()
    {
        var incident = Drive.Register(Facts.LevelIII);

        Assert.Equal(
            ["report", "reachScene", "startMonitoring", "organiseInvestigation", "releaseInformation", "notifyNeighbours"],
            incident.State.Obligations.Select(o => o.Id));
        var set = incident.State.Timeline.Where(e => e.Kind == TimelineKind.DeadlineSet).ToList();
        Assert.Equal(incident.State.Obligations.Select(o => o.Id), set.Select(e => e.Ref));
        Assert.All(incident.State.Obligations, o => Assert.False(o.IsCompleted));
        Assert.Equal(IncidentPhase.Registered, incident.State.Phase);
        Assert.Equal(1, incident.State.Version);
    }

    [Fact]
    public void Deadline_basis_says_why_and_cites_the_source()
    {
        var unclear = Drive.Register(Facts.Unclear with { DrinkingWaterSource = true });
        var clear = Drive.Register(Facts.LevelIII);

        var unclearReport = unclear.Obligation(ObligationKind.Report).DeadlineBasis.En();
        Assert.StartsWith("level unclear with sensitive factors: 2 h from discovery; statute; MEP Order 17", unclearReport, StringComparison.Ordinal);
        Assert.StartsWith("sensitive incident: 5 h from discovery; local practice;", unclear.Obligation(ObligationKind.ReleaseInformation).DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.StartsWith("level III: 4 h from discovery; statute; MEP Order 17", clear.Obligation(ObligationKind.Report).DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.StartsWith("level III: 2 h from discovery; local practice;", clear.Obligation(ObligationKind.ReachScene).DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_count_from_discovery_not_from_registration()
    {
        var discovered = Times.Discovery2014;

        var incident = Drive.Register(Facts.LevelIII, discovered, now: discovered.Hours(3));

        Assert.Equal(discovered.Hours(4), incident.Obligation(ObligationKind.Report).DueAt);
        Assert.Equal(discovered.Hours(2), incident.Obligation(ObligationKind.ReachScene).DueAt);
        Assert.Equal(discovered.Hours(3), incident.State.RegisteredAt);
    }

    [Fact]
    public void A_late_registration_is_already_overdue_on_the_deadlines_that_passed()
    {
        var discovered = Times.Discovery2014;

        var incident = Drive.Register(Facts.LevelII, discovered, now: discovered.Hours(3));

        Assert.Equal(discovered.Hours(1), incident.Obligation(ObligationKind.ReachScene).OverdueSince);
        Assert.Equal(discovered.Hours(2), incident.Obligation(ObligationKind.Report).OverdueSince);
        Assert.Equal(discovered.Hours(2), incident.Obligation(ObligationKind.StartMonitoring).OverdueSince);
        Assert.Null(incident.Obligation(ObligationKind.ReleaseInformation).OverdueSince);
        Assert.True(incident.HasOverdue);
        var overdue = incident.State.Timeline.Where(e => e.Kind == TimelineKind.ObligationOverdue).ToList();
        Assert.Equal(["reachScene", "notifyNeighbours", "report", "startMonitoring"], overdue.Select(e => e.Ref));
        Assert.Equal([discovered.Hours(1), discovered.Hours(1), discovered.Hours(2), discovered.Hours(2)], overdue.Select(e => e.At));
        Assert.All(overdue, e => Assert.Equal(discovered.Hours(3), e.RecordedAt));
        Assert.Equal(discovered.Hours(5), incident.NextDueAt);
    }

    private static IncidentFacts FactsFor(IncidentLevel level, bool unclear, string? sensitive)
    {
        var facts = level switch
        {
            IncidentLevel.I => Facts.LevelI,
            IncidentLevel.II => Facts.LevelII,
            IncidentLevel.III => Facts.LevelIII,
            _ => Facts.LevelIV,
        };
        if (unclear)
        {
            facts = facts with { Deaths = null };
        }

        return sensitive is null ? facts : facts.WithSensitive(sensitive);
    }
}
