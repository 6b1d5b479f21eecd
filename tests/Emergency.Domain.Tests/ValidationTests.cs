using Emergency.Domain.Incidents;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>Malformed commands are Invalid, name the offending field, and change nothing.</summary>
public sealed class ValidationTests
{
    private static readonly Actor Commander = Drive.Commander;
    private static readonly string OneMegabyte = new('x', 1 << 20);

    [Theory]
    [InlineData("negative deaths", "facts.deaths", "must not be negative")]
    [InlineData("negative poisoned", "facts.poisoned", "must not be negative")]
    [InlineData("negative seriouslyInjured", "facts.seriouslyInjured", "must not be negative")]
    [InlineData("negative evacuated", "facts.evacuated", "must not be negative")]
    [InlineData("negative directLossCny", "facts.directLossCny", "must not be negative")]
    [InlineData("undefined intake scale", "facts.intakeInterruption.scale", "'99' is not one of None, Township, County, City")]
    [InlineData("intake interruption without its intake", "facts.intakeInterruption", "must name its intake: the drinking-water source intake that stopped taking water because of pollution (取水中断)")]
    [InlineData("undefined crossBoundary", "facts.crossBoundary", "'99' is not one of")]
    [InlineData("undefined ecologicalImpact", "facts.ecologicalImpact", "'99' is not one of")]
    [InlineData("no facts", "facts", "is required")]
    [InlineData("empty title", "title", "is required")]
    [InlineData("blank title", "title", "is required")]
    [InlineData("1 MB title", "title", "is 1,048,576 characters long; at most 200 are allowed")]
    [InlineData("empty region", "region", "is required")]
    [InlineData("1 MB description", "description", "at most 20,000 are allowed")]
    [InlineData("undefined sourceChannel", "sourceChannel", "'99' is not one of Hotline12369")]
    [InlineData("discovered in the future", "discoveredAt", "is in the future")]
    public void Register_refuses_bad_input_naming_the_field(string @case, string field, string message)
    {
        var now = Times.Discovery2014.Hours(1);
        var command = Cmd.Register(discoveredAt: Times.Discovery2014);
        command = @case switch
        {
            "negative deaths" => command with { Facts = Facts.Known with { Deaths = -1 } },
            "negative poisoned" => command with { Facts = Facts.Known with { Poisoned = -1 } },
            "negative seriouslyInjured" => command with { Facts = Facts.Known with { SeriouslyInjured = -5 } },
            "negative evacuated" => command with { Facts = Facts.Known with { Evacuated = int.MinValue } },
            "negative directLossCny" => command with { Facts = Facts.Known with { DirectLossCny = -0.01m } },
            "undefined intake scale" => command with { Facts = Facts.Known with { IntakeInterruption = new IntakeInterruption { Intake = "Handan city intake", Scale = (IntakeScale)99 } } },
            "intake interruption without its intake" => command with { Facts = Facts.Known with { IntakeInterruption = new IntakeInterruption { Scale = IntakeScale.City } } },
            "undefined crossBoundary" => command with { Facts = Facts.Known with { CrossBoundary = (CrossBoundary)99 } },
            "undefined ecologicalImpact" => command with { Facts = Facts.Known with { EcologicalImpact = (EcologicalImpact)99 } },
            "no facts" => command with { Facts = null! },
            "empty title" => command with { Title = "" },
            "blank title" => command with { Title = " \t " },
            "1 MB title" => command with { Title = OneMegabyte },
            "empty region" => command with { Region = "" },
            "1 MB description" => command with { Description = OneMegabyte },
            "undefined sourceChannel" => command with { SourceChannel = (SourceChannel)99 },
            "discovered in the future" => command with { DiscoveredAt = now.AddSeconds(1) },
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };

        var (incident, decision) = Incident.Register("inc-bad", "live", command, Commander, RealRules.Catalog, now);

        Assert.Null(incident);
        Assert.Equal(DecisionOutcome.Invalid, decision.Outcome);
        var error = Assert.Single(decision.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message.En(), StringComparison.Ordinal);
        Assert.Contains(field, decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_names_every_bad_field_at_once()
    {
        var now = Times.Discovery2014;
        var command = Cmd.Register(Facts.Known with { Deaths = -1, Evacuated = -1 }, now.Hours(1)) with { Title = "", Region = "" };

        var (incident, decision) = Incident.Register("inc-bad", "live", command, Commander, RealRules.Catalog, now);

        Assert.Null(incident);
        Assert.Equal(["title", "region", "discoveredAt", "facts.deaths", "facts.evacuated"], decision.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("fileReport kind 99", "kind")]
    [InlineData("fileReport medium 99", "medium")]
    [InlineData("fileReport empty signedOffBy", "signedOffBy")]
    [InlineData("fileReport 1 MB signedOffBy", "signedOffBy")]
    [InlineData("fileReport blank contact", "contact")]
    [InlineData("fileReport empty content", "content")]
    [InlineData("fileReport 1 MB content", "content")]
    [InlineData("fileReport at in the future", "at")]
    [InlineData("fileReport at before discovery", "at")]
    [InlineData("complete obligation 99", "obligation")]
    [InlineData("complete at in the future", "at")]
    [InlineData("complete at before discovery", "at")]
    [InlineData("complete 1 MB note", "note")]
    [InlineData("updateFacts negative deaths", "facts.deaths")]
    [InlineData("updateFacts negative loss", "facts.directLossCny")]
    [InlineData("updateFacts crossBoundary 99", "facts.crossBoundary")]
    [InlineData("updateFacts no facts", "facts")]
    [InlineData("updateFacts 1 MB note", "note")]
    [InlineData("close 1 MB note", "note")]
    public void Commands_refuse_bad_input_naming_the_field_and_change_nothing(string @case, string field)
    {
        var incident = Drive.Responding();
        var now = incident.T(2);
        var discovered = incident.State.DiscoveredAt;

        Func<Incident, Decision> command = @case switch
        {
            "fileReport kind 99" => i => i.Handle(Cmd.Report((ReportKind)99), Commander, now),
            "fileReport medium 99" => i => i.Handle(Cmd.Report(ReportKind.FollowUp, medium: (ReportMedium)99), Commander, now),
            "fileReport empty signedOffBy" => i => i.Handle(Cmd.FollowUp() with { SignedOffBy = "" }, Commander, now),
            "fileReport 1 MB signedOffBy" => i => i.Handle(Cmd.FollowUp() with { SignedOffBy = OneMegabyte }, Commander, now),
            "fileReport blank contact" => i => i.Handle(Cmd.FollowUp() with { Contact = "  " }, Commander, now),
            "fileReport empty content" => i => i.Handle(Cmd.FollowUp() with { Content = "" }, Commander, now),
            "fileReport 1 MB content" => i => i.Handle(Cmd.FollowUp() with { Content = OneMegabyte }, Commander, now),
            "fileReport at in the future" => i => i.Handle(Cmd.FollowUp(now.AddTicks(1)), Commander, now),
            "fileReport at before discovery" => i => i.Handle(Cmd.FollowUp(discovered.AddTicks(-1)), Commander, now),
            "complete obligation 99" => i => i.Handle(Cmd.Complete((ObligationKind)99), Commander, now),
            "complete at in the future" => i => i.Handle(Cmd.Complete(ObligationKind.ReachScene, now.Minutes(1)), Commander, now),
            "complete at before discovery" => i => i.Handle(Cmd.Complete(ObligationKind.ReachScene, discovered.Minutes(-1)), Commander, now),
            "complete 1 MB note" => i => i.Handle(Cmd.Complete(ObligationKind.ReachScene) with { Note = OneMegabyte }, Commander, now),
            "updateFacts negative deaths" => i => i.Handle(Cmd.Update(Facts.Known with { Deaths = -3 }), Commander, now),
            "updateFacts negative loss" => i => i.Handle(Cmd.Update(Facts.Known with { DirectLossCny = -1m }), Commander, now),
            "updateFacts crossBoundary 99" => i => i.Handle(Cmd.Update(Facts.Known with { CrossBoundary = (CrossBoundary)99 }), Commander, now),
            "updateFacts no facts" => i => i.Handle(Cmd.Update((IncidentFacts)null!), Commander, now),
            "updateFacts 1 MB note" => i => i.Handle(Cmd.Update(Facts.LevelII, OneMegabyte), Commander, now),
            "close 1 MB note" => i => i.Handle(Cmd.Close(OneMegabyte), Commander, now),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };

        var decision = incident.Refused(now, command, DecisionOutcome.Invalid);

        var error = Assert.Single(decision.Errors);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + " ", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_with_several_bad_fields_names_them_all()
    {
        var incident = Drive.Responding();
        var now = incident.T(2);
        var command = new FileReport { Kind = (ReportKind)7, Medium = (ReportMedium)7, SignedOffBy = "", Contact = "", Content = "", At = now.Hours(1) };

        var decision = incident.Refused(now, i => i.Handle(command, Commander, now), DecisionOutcome.Invalid);

        Assert.Equal(["kind", "medium", "signedOffBy", "contact", "content", "at"], decision.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Validation_comes_before_the_phase_check()
    {
        var incident = Drive.FinalReportFiled(allDone: true);
        var now = incident.T(3.5);

        var decision = incident.Refused(now, i => i.Handle(Cmd.Report((ReportKind)99), Commander, now), DecisionOutcome.Invalid);

        Assert.Equal("kind", Assert.Single(decision.Errors).Field);
    }

    [Fact]
    public void Text_at_the_limits_is_accepted()
    {
        var now = Times.Discovery2014.Hours(1);
        var command = Cmd.Register() with { Title = new string('t', 200), Description = new string('d', 20_000), DiscoveredAt = now };

        var (incident, decision) = Incident.Register("inc-limit", "live", command, Commander, RealRules.Catalog, now);

        decision.Accept();
        Assert.NotNull(incident);
        incident.Handle(Cmd.Initial(now) with { Content = new string('c', 20_000) }, Commander, now).Accept();
    }
}
