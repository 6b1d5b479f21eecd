using System.Globalization;
using Emergency.Domain.Disputes;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Drills;

/// <summary>
/// A validated drill scenario: what happens when, on the drill's own clock, and how the response is scored.
/// Every inject has its moment as an offset from <see cref="Start"/>; <see cref="Injects"/> is in the order
/// the drill applies them: by moment, then by their order in the file.
/// </summary>
public sealed record Scenario
{
    /// <summary>The format version this engine reads.</summary>
    public const int FormatVersion = 1;

    public required string File { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required string Region { get; init; }

    /// <summary>The date whose rules apply: the rule set in force that day judges every incident of the drill.</summary>
    public required DateOnly RuleSetDate { get; init; }

    /// <summary>Where <see cref="RuleSetDate"/> is written: a problem with the date points there.</summary>
    public Position RuleSetDateAt { get; init; } = new(1, 1);

    /// <summary>
    /// A what-if ("had it happened under today's rules"): the id of the rule set that judges every reported incident,
    /// whatever was in force at its discovery. The report marks the drill as one.
    /// </summary>
    public string? JudgedUnder { get; init; }

    public Position JudgedUnderAt { get; init; } = new(1, 1);

    /// <summary>The moment offset +0 stands for; it carries the scenario's UTC offset, which the report keeps.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the drill stops: the later of the last inject and every expectation's horizon, unless the file names it.</summary>
    public required TimeSpan End { get; init; }

    public required IReadOnlyList<ScheduledInject> Injects { get; init; }

    public required IReadOnlyList<Expectation> Expectations { get; init; }

    /// <summary>The incidents, by scenario name, in the order they are reported.</summary>
    public required IReadOnlyList<string> Incidents { get; init; }

    /// <summary>The major decisions, by scenario name, in the order they are drafted.</summary>
    public IReadOnlyList<string> Decisions { get; init; } = [];

    /// <summary>SHA-256 of the file's text: the report names the exact file it scored.</summary>
    public required string Sha256 { get; init; }

    public DateTimeOffset At(TimeSpan offset) => Start + offset;

    /// <summary>The start of <see cref="RuleSetDate"/> in the scenario's time zone.</summary>
    public DateTimeOffset RuleSetMoment => new(RuleSetDate.ToDateTime(TimeOnly.MinValue), Start.Offset);

    /// <summary>
    /// Refuses a scenario whose incidents would be judged by another rule set than its rule-set date (or, in a what-if,
    /// its <see cref="JudgedUnder"/>) names. An escalated warning's incident is always judged by the rules in force at its
    /// discovery, so a what-if holds one only where those are the rule set named.
    /// </summary>
    public IReadOnlyList<ScenarioError> CheckRules(RuleSetCatalog catalog)
    {
        RuleSet? named;
        if (JudgedUnder is not null)
        {
            named = catalog.All.FirstOrDefault(r => r.Id == JudgedUnder);
            if (named is null)
            {
                return [new ScenarioError(File, JudgedUnderAt.Line, JudgedUnderAt.Column, ScenarioTexts.UnknownRuleSet.With(("id", JudgedUnder), ("known", Arg.Of(catalog.All.Select(r => Arg.Of(r.Id))))))];
            }
        }
        else
        {
            named = catalog.InForceAt(RuleSetMoment);
            if (named is null)
            {
                return [new ScenarioError(File, RuleSetDateAt.Line, RuleSetDateAt.Column, ScenarioTexts.NoRuleSetOn.With(("date", RuleSetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("earliest", catalog.All[0].EffectiveFrom), ("latest", catalog.All[^1].Id)))];
            }
        }

        var errors = new List<ScenarioError>();
        foreach (var scheduled in Injects)
        {
            if (scheduled.Inject is IncidentReported reported && (JudgedUnder is null || reported is WarningEscalated))
            {
                var discovered = At(reported.Discovered ?? scheduled.At);
                var rules = catalog.InForceAt(discovered);
                if (rules?.Id != named.Id)
                {
                    errors.Add(new ScenarioError(File, reported.Where.Line, reported.Where.Column,
                        ScenarioTexts.OtherRuleSet.With(("incident", reported.Incident), ("discovered", discovered), ("inForce", rules?.Id ?? "—"), ("date", RuleSetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("named", named.Id))));
                }
            }
        }

        return errors;
    }
}

/// <summary>
/// An inject with its moment on the drill's clock and its place in the order of application. A repeated inject
/// (a surge of complaints) is scheduled once per repetition, each with its <see cref="Copy"/> number from 0.
/// </summary>
public sealed record ScheduledInject(int Sequence, TimeSpan At, Inject Inject, int Copy = 0);

/// <summary>Something that happens in a drill. <see cref="Id"/> names it for <c>after</c>; <see cref="Where"/> is its place in the file.</summary>
public abstract record Inject
{
    public string? Id { get; init; }

    public required Position Where { get; init; }

    /// <summary>The kind as written in scenario files.</summary>
    public abstract string Kind { get; }
}

/// <summary>An inject that acts on one incident of the drill, done by a player in a role.</summary>
public abstract record IncidentInject : Inject
{
    /// <summary>The incident's name in the scenario (never its engine id).</summary>
    public required string Incident { get; init; }

    public required Role By { get; init; }

    /// <summary>The incident's move this inject makes, as the API would send it, with its moments on the drill's clock.</summary>
    /// <param name="scenario">The drill's scenario: its start and its what-if.</param>
    /// <param name="at">The inject's own moment, as an offset from the start.</param>
    public abstract IncidentCommand Command(Scenario scenario, TimeSpan at);
}

/// <summary>An incident is reported (接报): it is registered in the engine, graded, and its deadlines set.</summary>
public record IncidentReported : IncidentInject
{
    public const string KindName = "incidentReported";

    public override string Kind => KindName;

    public required string Title { get; init; }

    public required string Region { get; init; }

    public required SourceChannel Source { get; init; }

    /// <summary>When it was discovered, as an offset from the start; the inject's own moment when not given.</summary>
    public TimeSpan? Discovered { get; init; }

    public string? Description { get; init; }

    public required FactsPatch Facts { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) => new ReportIncident
    {
        Title = Title,
        Region = Region,
        DiscoveredAt = scenario.At(Discovered ?? at),
        SourceChannel = Source,
        Description = Description,
        Facts = Facts.ApplyTo(new IncidentFacts()),
        JudgedUnder = scenario.JudgedUnder,
    };
}

/// <summary>New facts become known: the incident is regraded and its open deadlines recomputed.</summary>
public sealed record FactsChanged : IncidentInject
{
    public const string KindName = "factsChanged";

    public override string Kind => KindName;

    public required FactsPatch Facts { get; init; }

    public string? Note { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) => new UpdateFacts { Facts = Facts, Note = Note };
}

/// <summary>A first-moment step is done: reach the scene, start monitoring, organise the investigation, release information.</summary>
public sealed record ObligationCompleted : IncidentInject
{
    public const string KindName = "obligationCompleted";

    public override string Kind => KindName;

    public required ObligationKind Obligation { get; init; }

    public string? Note { get; init; }

    /// <summary>Who was told, for notifyNeighbours.</summary>
    public string? Notified { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) =>
        new CompleteObligation { Obligation = Obligation, Note = Note, Notified = Notified };
}

/// <summary>
/// An earlier report, claim or step is shown untrue (谎报), to have concealed facts (瞒报) or left them out (漏报): what it
/// concerns, what was declared, what was real.
/// </summary>
public sealed record CorrectionRecorded : IncidentInject
{
    public const string KindName = "correctionRecorded";

    public override string Kind => KindName;

    public required CorrectionKind Correction { get; init; }

    /// <summary>"registration", "report N", or a completed step's id such as releaseInformation.</summary>
    public required string Concerns { get; init; }

    public required string Declared { get; init; }

    public required string Actual { get; init; }

    /// <summary>When the truth became known, as an offset from the start; the inject's own moment when not given.</summary>
    public TimeSpan? Known { get; init; }

    public string? Note { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) => new RecordCorrection
    {
        Kind = Correction,
        Concerns = Concerns,
        Declared = Declared,
        Actual = Actual,
        KnownAt = Known is { } known ? scenario.At(known) : null,
        Note = Note,
    };
}

/// <summary>An initial, follow-up or final report is filed.</summary>
public sealed record ReportFiled : IncidentInject
{
    public const string KindName = "reportFiled";

    public override string Kind => KindName;

    public required ReportKind Report { get; init; }

    public required ReportMedium Medium { get; init; }

    public required string SignedOffBy { get; init; }

    public required string Contact { get; init; }

    public required string Content { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) => new FileReport
    {
        Kind = Report,
        Medium = Medium,
        SignedOffBy = SignedOffBy,
        Contact = Contact,
        Content = Content,
    };
}

/// <summary>The incident is closed.</summary>
public sealed record IncidentClosed : IncidentInject
{
    public const string KindName = "incidentClosed";

    public override string Kind => KindName;

    public string? Note { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) => new CloseIncident { Note = Note };
}

/// <summary>A message to the players ("Handan cuts its water supply"): shown while the drill runs and kept in the report.</summary>
public sealed record PlayerMessage : Inject
{
    public const string KindName = "message";

    public override string Kind => KindName;

    public required string Text { get; init; }

    /// <summary>Who it is for ("duty room", "press office"); everyone when not given.</summary>
    public string? To { get; init; }
}

/// <summary>
/// A petition or complaint comes in (a 12369 call, a visit, a letter, an online message) about an enterprise or a
/// place: it is registered as a dispute with its legal limits, and watched by the early warning. With
/// <see cref="Repeat"/> it comes again and again, every <see cref="Every"/>: a surge.
/// </summary>
public sealed record ComplaintFiled : Inject
{
    public const string KindName = "complaint";

    /// <summary>The most repetitions of one complaint inject.</summary>
    public const int MaxRepeat = 10_000;

    public override string Kind => KindName;

    public required PetitionChannel Channel { get; init; }

    /// <summary>The enterprise complained about; at least one of it and <see cref="Place"/>.</summary>
    public string? Enterprise { get; init; }

    public string? Place { get; init; }

    public required string Region { get; init; }

    /// <summary>The unit that receives it ("Xiaohe EPB 12369 hotline"); by default the region's department.</summary>
    public required string Unit { get; init; }

    public required string Text { get; init; }

    /// <summary>The caller's name, when the scenario wants repeat callers linked; a drill's callers are invented.</summary>
    public string? Caller { get; init; }

    public required int Repeat { get; init; }

    public TimeSpan? Every { get; init; }

    public required Role By { get; init; }

    public DisputeSubject Subject => new() { Enterprise = Enterprise, Place = Place, Region = Region };
}

/// <summary>
/// A duty commander escalates the early warning about an enterprise or place into an incident: the incident is
/// registered like a reported one, and keeps the links to the complaints that raised the warning.
/// </summary>
public sealed record WarningEscalated : IncidentReported
{
    public new const string KindName = "warningEscalated";

    public override string Kind => KindName;

    public string? Enterprise { get; init; }

    public string? Place { get; init; }
}

/// <summary>
/// Any move on an incident by its route's name (<c>recordHop</c>), its fields in <c>with</c> read exactly as the API reads
/// a body: the same record the API takes, so a new incident move is a scenario step without a kind of its own.
/// </summary>
public sealed record IncidentStep : IncidentInject
{
    public const string KindName = "incident";

    public override string Kind => KindName;

    /// <summary>The move's name, as in the API's routes ("recordHop").</summary>
    public required string Action { get; init; }

    public required IncidentCommand Move { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) => Move;
}

/// <summary>
/// A step of a major decision's procedure (drafted, submitted, assessed, decided...), done by a player in the role the
/// step belongs to. <see cref="Command"/> is the move named by <see cref="Action"/>, read from the inject's <c>with</c>
/// fields exactly as the API reads its body, and sent to the grain as the API sends it.
/// </summary>
public sealed record DecisionStep : Inject
{
    public const string KindName = "decision";

    public override string Kind => KindName;

    /// <summary>The decision's name in the scenario (never its engine id).</summary>
    public required string Decision { get; init; }

    /// <summary>The move's name, as in the API's routes ("rateRisk").</summary>
    public required string Action { get; init; }

    public required Role By { get; init; }

    public required Decisions.MajorDecisionCommand Command { get; init; }
}
