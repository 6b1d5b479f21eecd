using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>An incident is judged by the rule set in force when it was discovered.</summary>
public sealed class RuleSetSelectionTests
{
    [Theory]
    [InlineData("2012-12-31T07:40:00+08:00", "cn-2011")]
    [InlineData("2015-01-01T00:00:00+08:00", "cn-2014")]
    [InlineData("2011-05-01T00:00:00+08:00", "cn-2011")]
    [InlineData("2014-12-28T23:59:59+08:00", "cn-2011")]
    [InlineData("2014-12-29T00:00:00+08:00", "cn-2014")]
    [InlineData("2014-12-28T16:00:00+00:00", "cn-2014")]
    public void Rule_set_is_chosen_by_discovery_date(string discoveredAt, string expected)
    {
        var discovered = DateTimeOffset.Parse(discoveredAt, System.Globalization.CultureInfo.InvariantCulture);

        var incident = Drive.Register(Facts.Known with { Deaths = 5 }, discovered);

        Assert.Equal(expected, incident.State.RuleSetId);
        Assert.Equal(expected, incident.State.Grade!.RuleSetId);
        Assert.Equal(expected, incident.Rules.Id);
        Assert.Equal(expected == "cn-2011" ? IncidentLevel.II : IncidentLevel.III, incident.State.Grade.Level);
        Assert.Contains($"judged by rule set {expected}", incident.State.Timeline[0].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_drill_of_a_2012_spill_run_years_later_is_judged_by_the_2011_rules()
    {
        var incident = Drive.Register(Facts.Known with { Deaths = 3 }, Times.Discovery2011, now: new DateTimeOffset(2025, 6, 1, 9, 0, 0, Times.China));

        Assert.Equal("cn-2011", incident.State.RuleSetId);
        Assert.Equal(IncidentLevel.II, incident.State.Grade!.Level);
        Assert.Equal(Times.Discovery2011.Hours(2), incident.Obligation(ObligationKind.Report).OverdueSince);
    }

    [Theory]
    [InlineData("2011-04-30T23:59:59+08:00")]
    [InlineData("2010-06-01T00:00:00+08:00")]
    public void Discovery_before_any_rule_set_is_refused_on_discoveredAt(string discoveredAt)
    {
        var discovered = DateTimeOffset.Parse(discoveredAt, System.Globalization.CultureInfo.InvariantCulture);

        var (incident, decision) = Incident.Register("inc-old", "live", Cmd.Register(discoveredAt: discovered), Drive.Commander, RealRules.Catalog, discovered.Hours(1));

        Assert.Null(incident);
        Assert.Equal(DecisionOutcome.Invalid, decision.Outcome);
        var error = Assert.Single(decision.Errors);
        Assert.Equal("discoveredAt", error.Field);
        Assert.Contains("no rule set was in force", error.Message.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_rule_files_load_with_their_effective_dates()
    {
        var catalog = RuleSetLoader.Load(RealRules.RulesDirectory);

        Assert.Equal(["cn-2011", "cn-2014"], catalog.All.Select(r => r.Id));
        Assert.Equal(new DateTimeOffset(2011, 5, 1, 0, 0, 0, Times.China), catalog.Get("cn-2011").EffectiveFrom);
        Assert.Equal(new DateTimeOffset(2014, 12, 29, 0, 0, 0, Times.China), catalog.Get("cn-2014").EffectiveFrom);
        Assert.Null(catalog.InForceAt(new DateTimeOffset(2011, 4, 30, 16, 0, 0, TimeSpan.Zero).AddTicks(-1)));
    }
}
