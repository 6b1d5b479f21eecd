using Emergency.Domain.Decisions;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>Injects sent by hand during a paced run: which may be played, and when.</summary>
public sealed partial class DrillRun
{
    /// <summary>
    /// Plays an inject sent by hand (<paramref name="text"/>, read as <paramref name="inject"/>) at <paramref name="at"/>, or
    /// now when not given. Refused when its moment is past or after the end, or when it would bring in a case the drill
    /// already has or act on one it will not have by then. Else it is recorded, and queued for its moment or handed back
    /// as a moment of its own, to be applied now.
    /// </summary>
    public ManualPlay PlayByHand(string text, Inject inject, TimeSpan? at, Actor actor)
    {
        var now = Now;
        var moment = at ?? now;
        if (moment < now || moment > Scenario.End)
        {
            var why = moment < now
                ? ScenarioTexts.BeforeNow.With(("at", Offsets.Format(moment)), ("now", Offsets.Format(now)))
                : ScenarioTexts.AfterEnd.With(("at", Offsets.Format(moment)), ("end", Offsets.Format(Scenario.End)));
            return new ManualPlay(moment) { Invalid = new ScenarioError("inject", inject.Where.Line, inject.Where.Column, why) };
        }

        if (WhyNotByHand(inject, moment) is { } problem)
        {
            return new ManualPlay(moment) { NotAllowed = problem };
        }

        var by = PlayerRole(inject);
        var manual = new ManualInjectRecord
        {
            Sequence = Scenario.Injects.Count + Progress.Manual.Count + 1,
            Text = text,
            At = moment,
            SentBy = actor.Id,
            SentByRole = by,
        };
        Progress.Manual.Add(manual);
        var due = new DueInject(new ScheduledInject(manual.Sequence, moment, inject), new Actor(actor.Id, by), manual);
        if (moment > now)
        {
            _queued.Add(due);
            return new ManualPlay(moment);
        }

        return new ManualPlay(moment) { Now = new DueMoment(Progress.VirtualNow, [], [due]) };
    }

    private Message? WhyNotByHand(Inject inject, TimeSpan moment)
    {
        if (inject is ComplaintFiled { Repeat: > 1 })
        {
            return ScenarioTexts.RepeatByHand;
        }

        var reportedByScenario = Scenario.Injects.Where(s => s.Inject is IncidentReported).ToDictionary(s => ((IncidentReported)s.Inject).Incident, s => s.At, StringComparer.Ordinal);
        var reportedByHand = _queued.Where(m => m.Scheduled.Inject is IncidentReported).ToDictionary(m => ((IncidentReported)m.Scheduled.Inject).Incident, m => m.Scheduled.At, StringComparer.Ordinal);
        return inject switch
        {
            IncidentReported reported when Progress.Incidents.ContainsKey(reported.Incident) || reportedByScenario.ContainsKey(reported.Incident) || reportedByHand.ContainsKey(reported.Incident)
                => ScenarioTexts.AlreadyInDrill.With(("incident", reported.Incident)),
            IncidentInject acting and not IncidentReported when !Progress.Incidents.ContainsKey(acting.Incident)
                && !(reportedByScenario.TryGetValue(acting.Incident, out var a) && a <= moment)
                && !(reportedByHand.TryGetValue(acting.Incident, out var b) && b <= moment)
                => ScenarioTexts.IncidentNotYet.With(("incident", acting.Incident), ("at", Offsets.Format(moment))),
            DecisionStep { Command: DraftMajorDecision } drafting when Progress.Decisions.ContainsKey(drafting.Decision) || Drafted(drafting.Decision) is not null
                => ScenarioTexts.DecisionInDrill.With(("decision", drafting.Decision)),
            DecisionStep { Command: not DraftMajorDecision } step when !Progress.Decisions.ContainsKey(step.Decision) && !(Drafted(step.Decision) <= moment)
                => ScenarioTexts.DecisionNotYet.With(("decision", step.Decision), ("at", Offsets.Format(moment))),
            _ => null,
        };
    }

    /// <summary>When the scenario or an earlier inject by hand drafts the decision, if either does.</summary>
    private TimeSpan? Drafted(string decision) =>
        Scenario.Injects.Concat(_queued.Select(m => m.Scheduled))
            .Where(s => s.Inject is DecisionStep { Command: DraftMajorDecision } d && d.Decision == decision)
            .Select(s => (TimeSpan?)s.At)
            .Min();
}

/// <summary>
/// How an inject sent by hand was taken: <see cref="Invalid"/> (its moment does not fit the drill), <see cref="NotAllowed"/>
/// (the drill's cases do not fit it), due <see cref="Now"/>, or else queued for <see cref="Moment"/>.
/// </summary>
public sealed record ManualPlay(TimeSpan Moment)
{
    public ScenarioError? Invalid { get; init; }

    public Message? NotAllowed { get; init; }

    public DueMoment? Now { get; init; }
}
