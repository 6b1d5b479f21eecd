using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>Fixed moments: the domain never reads a clock, every test passes "now" explicitly.</summary>
public static class Times
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>A discovery judged by the 2014 rules.</summary>
    public static readonly DateTimeOffset Discovery2014 = new(2015, 3, 2, 8, 0, 0, China);

    /// <summary>The Changzhi aniline spill, judged by the 2011 rules.</summary>
    public static readonly DateTimeOffset Discovery2011 = new(2012, 12, 31, 7, 40, 0, China);

    public static DateTimeOffset Hours(this DateTimeOffset start, double hours) => start + TimeSpan.FromHours(hours);

    public static DateTimeOffset Minutes(this DateTimeOffset start, double minutes) => start + TimeSpan.FromMinutes(minutes);
}

/// <summary>Facts of an incident, starting from "everything known, nothing happened" (level IV, clear).</summary>
public static class Facts
{
    public static IncidentFacts Known { get; } = new()
    {
        Deaths = 0,
        Poisoned = 0,
        SeriouslyInjured = 0,
        Evacuated = 0,
        DirectLossCny = 0,
        IntakeInterruption = new IntakeInterruption { Scale = IntakeScale.None },
        CrossBoundary = Incidents.CrossBoundary.None,
        EcologicalImpact = Incidents.EcologicalImpact.None,
    };

    public static IncidentFacts LevelIV => Known;

    public static IncidentFacts LevelIII => Known with { CrossBoundary = Incidents.CrossBoundary.CrossCity };

    public static IncidentFacts LevelII => Known with { CrossBoundary = Incidents.CrossBoundary.CrossProvince };

    public static IncidentFacts LevelI => Known with { CrossBoundary = Incidents.CrossBoundary.MajorCrossBorder };

    /// <summary>Level unclear: the number of deaths is not known yet.</summary>
    public static IncidentFacts Unclear => Known with { Deaths = null };

    /// <summary>Sets one counted fact by its JSON name ("deaths", "poisoned", ...).</summary>
    public static IncidentFacts With(this IncidentFacts facts, string fact, long value) => fact switch
    {
        "deaths" => facts with { Deaths = checked((int)value) },
        "poisoned" => facts with { Poisoned = checked((int)value) },
        "seriouslyInjured" => facts with { SeriouslyInjured = checked((int)value) },
        "evacuated" => facts with { Evacuated = checked((int)value) },
        "directLossCny" => facts with { DirectLossCny = value },
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "unknown counted fact"),
    };

    /// <summary>Turns on one sensitive factor by its JSON name.</summary>
    public static IncidentFacts WithSensitive(this IncidentFacts facts, string factor) => factor switch
    {
        "drinkingWaterSource" => facts with { DrinkingWaterSource = true },
        "sensitiveReceptors" => facts with { SensitiveReceptors = true },
        "heavyMetals" => facts with { HeavyMetals = true },
        "possibleCrossProvince" => facts with { PossibleCrossProvince = true },
        "massIncident" => facts with { MassIncident = true },
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "unknown sensitive factor"),
    };
}

/// <summary>Well-formed commands with sensible defaults; tests change only what they are about.</summary>
public static class Cmd
{
    public static ReportIncident Register(IncidentFacts? facts = null, DateTimeOffset? discoveredAt = null) => new()
    {
        Title = "Aniline spill into the Zhuozhang river",
        Region = "Changzhi",
        DiscoveredAt = discoveredAt ?? Times.Discovery2014,
        SourceChannel = SourceChannel.Enterprise,
        Description = "A hose burst at the plant.",
        Facts = facts ?? Facts.Known,
    };

    public static FileReport Report(ReportKind kind, DateTimeOffset? at = null, ReportMedium medium = ReportMedium.Written) => new()
    {
        Kind = kind,
        Medium = medium,
        SignedOffBy = "Director Wang",
        Contact = "0355-1234567",
        Content = "Time, place, cause, pollutants, measures.",
        At = at,
    };

    public static FileReport Initial(DateTimeOffset? at = null) => Report(ReportKind.Initial, at);

    public static FileReport FollowUp(DateTimeOffset? at = null) => Report(ReportKind.FollowUp, at);

    public static FileReport Final(DateTimeOffset? at = null) => Report(ReportKind.Final, at);

    public static CompleteObligation Complete(ObligationKind kind, DateTimeOffset? at = null) => new() { Obligation = kind, At = at };

    public static DraftRelease Draft(string headline = "长治市浊漳河苯胺泄漏事件情况通报", string text = "12月31日7时40分，潞城市一企业输送软管破裂，部分苯胺进入浊漳河。") =>
        new() { Audience = ReleaseAudience.Public, Headline = headline, Text = text };

    public static ApproveRelease Approve(int release, string by = "王副局长") => new() { Release = release, ApprovedBy = by };

    public static PublishRelease Publish(int release) => new() { Release = release };

    /// <summary>Replaces every fact (the patch names them all).</summary>
    public static UpdateFacts Update(IncidentFacts facts, string? note = null) => new() { Facts = facts is null ? null! : FactsPatch.AllOf(facts), Note = note };

    /// <summary>Changes only the facts the patch names.</summary>
    public static UpdateFacts Update(FactsPatch facts, string? note = null) => new() { Facts = facts, Note = note };

    public static CloseIncident Close(string? note = null) => new() { Note = note };
}

/// <summary>Registers incidents and brings them into each phase of the procedure.</summary>
public static class Drive
{
    public static readonly Actor Commander = new("duty-1", Role.DutyCommander);

    private static readonly JsonSerializerOptions SnapshotOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private static int _sequence;

    /// <summary>Registers an incident (by default 10 minutes after its discovery) and asserts it was accepted.</summary>
    public static Incident Register(IncidentFacts? facts = null, DateTimeOffset? discoveredAt = null, DateTimeOffset? now = null, RuleSetCatalog? catalog = null)
    {
        var discovered = discoveredAt ?? Times.Discovery2014;
        var command = Cmd.Register(facts, discovered);
        var (incident, decision) = Incident.Register(
            $"inc-{Interlocked.Increment(ref _sequence)}", "live", command, Commander, catalog ?? RealRules.Catalog, now ?? discovered.Minutes(10));
        Assert.True(decision.IsAccepted, decision.Reason.En());
        CommandsKept.CheckRegistered(incident!, command);
        return Assert.IsType<Incident>(incident);
    }

    public static DateTimeOffset T(this Incident incident, double hours) => incident.State.DiscoveredAt.Hours(hours);

    public static Obligation Obligation(this Incident incident, ObligationKind kind) => incident.State.Obligations.Single(o => o.Kind == kind && o.Id == kind.Name());

    public static Obligation Obligation(this Incident incident, string id) => incident.State.Obligations.Single(o => o.Id == id);

    public static void Accept(this Decision decision) => Assert.True(decision.IsAccepted, $"expected Accepted, got {decision.Outcome}: {decision.Reason}");

    /// <summary>Initial report filed at discovery + 1 h: phase Responding.</summary>
    public static Incident Responding(IncidentFacts? facts = null)
    {
        var incident = Register(facts);
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();
        return incident;
    }

    /// <summary>Final report filed at discovery + 3 h; with <paramref name="allDone"/> every obligation is completed first.</summary>
    public static Incident FinalReportFiled(bool allDone)
    {
        var incident = Responding();
        if (allDone)
        {
            CompleteSteps(incident, incident.T(1.5));
        }

        incident.Handle(Cmd.Final(), Commander, incident.T(3)).Accept();
        Assert.Equal(IncidentPhase.FinalReportFiled, incident.State.Phase);
        return incident;
    }

    /// <summary>Closed at discovery + 4 h.</summary>
    public static Incident Closed()
    {
        var incident = FinalReportFiled(allDone: true);
        incident.Handle(Cmd.Close("handled"), Commander, incident.T(4)).Accept();
        Assert.Equal(IncidentPhase.Closed, incident.State.Phase);
        return incident;
    }

    /// <summary>Completes the three step obligations and publishes a release (releaseInformation) at <paramref name="now"/>.</summary>
    public static void CompleteSteps(Incident incident, DateTimeOffset now)
    {
        foreach (var kind in new[] { ObligationKind.ReachScene, ObligationKind.StartMonitoring, ObligationKind.OrganiseInvestigation })
        {
            incident.Handle(Cmd.Complete(kind), Commander, now).Accept();
        }

        Release(incident, now);
    }

    /// <summary>Drafts, approves and publishes a release at <paramref name="now"/>; returns its number.</summary>
    public static int Release(Incident incident, DateTimeOffset now)
    {
        incident.Handle(Cmd.Draft(), Commander, now).Accept();
        var number = incident.State.Releases[^1].Number;
        incident.Handle(Cmd.Approve(number), Commander, now).Accept();
        incident.Handle(Cmd.Publish(number), Commander, now).Accept();
        return number;
    }

    /// <summary>The whole state as JSON, to prove a refused command changed nothing.</summary>
    public static string Snapshot(IncidentState state) => JsonSerializer.Serialize(state, SnapshotOptions);

    /// <summary>
    /// Runs a command that must be refused and proves it changed nothing: the Tick every command does first is
    /// done before the snapshot, at the same "now", so only the command itself is compared.
    /// </summary>
    public static Decision Refused(this Incident incident, DateTimeOffset now, Func<Incident, Decision> command, DecisionOutcome expected)
    {
        incident.Tick(now);
        var before = Snapshot(incident.State);
        var decision = command(incident);
        Assert.Equal(expected, decision.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason.En()));
        Assert.Equal(before, Snapshot(incident.State));
        return decision;
    }
}
