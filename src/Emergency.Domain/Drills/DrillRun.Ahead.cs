namespace Emergency.Domain.Drills;

/// <summary>
/// Sending ahead, as a fast run does: an incident's moves act on that incident alone, and when to look at an incident
/// again follows from its own answers only. So the moves of different incidents need not wait for each other's answers:
/// each incident gets, in order, exactly the moves and deadline advances it would get one moment at a time (advanced at
/// each of its own deadlines before its next move), and what the run records (applied, refused, messages) is recorded
/// moment by moment in the scenario's order once the answers are in. Whatever else a moment holds (a complaint, an
/// escalation, a step of a major decision, an inject by hand) reads or changes what other cases do, and waits until
/// everything before it has been answered and every incident has been advanced to it.
/// </summary>
public sealed partial class DrillRun
{
    /// <summary>
    /// The scenario's injects at the moment of its inject number <paramref name="next"/> (counted from 0 in the order they
    /// play), when that moment comes by <paramref name="target"/>; null otherwise. The incidents' deadlines are not looked
    /// at: the sender advances each incident to its moment before the incident's next move (<see cref="WakeAt"/>).
    /// </summary>
    public DueMoment? InjectsFrom(int next, DateTimeOffset target)
    {
        if (next >= Scenario.Injects.Count)
        {
            return null;
        }

        var moment = Scenario.At(Scenario.Injects[next].At);
        return moment > target ? null : new DueMoment(moment, [], Sorted(ScenarioInjectsAt(next, moment)));
    }

    /// <summary>
    /// Whether <paramref name="due"/> may be sent ahead of the answers to the moments before it: every inject is a move of
    /// one incident (its report included, not an escalation, which reads the early warnings) or a message to the players,
    /// and no inject sent by hand waits.
    /// </summary>
    public bool SendsAhead(DueMoment due) =>
        _queued.Count == 0 && due.Injects.All(i => i.Manual is null && i.Scheduled.Inject is (IncidentInject and not WarningEscalated) or PlayerMessage);
}
