using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>
/// One drill run as plain code: the virtual clock, the queue of injects due (the scenario's, those sent by hand, and the
/// moments its incidents' deadlines pass), what to send for each inject, and what the answers leave behind. It never
/// reads a clock: the engine's now is passed in. Order is by (virtual time, sequence), never by the timing of answers:
/// run fast, the same file gives the same report.
/// </summary>
public sealed partial class DrillRun
{
    /// <summary>
    /// A deadline is inclusive (done at the deadline is on time), so the drill looks at an incident again
    /// one second after a deadline, when it can be marked overdue.
    /// </summary>
    private static readonly TimeSpan MarkDelay = TimeSpan.FromSeconds(1);

    /// <summary>When to look at each incident again, by name; an incident with nothing due is not in it.</summary>
    private readonly Dictionary<string, DateTimeOffset> _wakes = new(StringComparer.Ordinal);

    /// <summary>
    /// The same wakes in the order they come: a moment finds the incidents due by reading only those, not every incident
    /// of the drill (a drill of 10,000 injects has hundreds of incidents and about as many moments as injects).
    /// </summary>
    private readonly SortedSet<(DateTimeOffset At, string Incident)> _wakeOrder = new(WakeFirst.Instance);
    private readonly List<DueInject> _queued = [];

    /// <summary>A run over its stored progress; injects sent by hand and not yet applied are queued again.</summary>
    public DrillRun(Scenario scenario, DrillProgress progress)
    {
        Scenario = scenario;
        Progress = progress;
        foreach (var manual in progress.Manual.Where(m => !m.Applied))
        {
            var (inject, _) = ScenarioReader.ReadInject(manual.Text, "inject");
            _queued.Add(new DueInject(new ScheduledInject(manual.Sequence, manual.At, inject), new Actor(manual.SentBy, manual.SentByRole), manual));
        }
    }

    public Scenario Scenario { get; }

    public DrillProgress Progress { get; }

    /// <summary>The end on the drill's clock.</summary>
    public DateTimeOffset End => Scenario.At(Scenario.End);

    /// <summary>The drill's clock has reached its end.</summary>
    public bool AtEnd => Progress.VirtualNow >= End;

    /// <summary>Now on the drill's clock as an offset from the start.</summary>
    public TimeSpan Now => Progress.VirtualNow - Scenario.Start;

    /// <summary>Injects applied so far, the scenario's and those sent by hand.</summary>
    public int InjectsApplied => Progress.Applied + Progress.Manual.Count(m => m.Applied);

    public int InjectsTotal => Scenario.Injects.Count + Progress.Manual.Count;

    /// <summary>The incidents' engine ids by scenario name, in the order they were reported.</summary>
    public IReadOnlyDictionary<string, string> IncidentIds =>
        Progress.Incidents.OrderBy(i => i.Value.Sequence).ToDictionary(i => i.Key, i => i.Value.Id);

    /// <summary>Puts the clock at the start, anchored at the engine's <paramref name="engineNow"/>.</summary>
    public void Begin(DateTimeOffset engineNow)
    {
        Progress.VirtualNow = Scenario.Start;
        Anchor(engineNow);
    }

    /// <summary>How far the clock has come from start to end, 0–100; 100 once finished.</summary>
    public int Percent(bool finished)
    {
        var span = Scenario.End;
        var percent = finished || span <= TimeSpan.Zero ? (finished ? 100 : 0) : (int)Math.Floor(100 * Now / span);
        return Math.Clamp(percent, 0, 100);
    }

    /// <summary>
    /// Where a paced run's clock stands at the engine's <paramref name="engineNow"/>: speed × the engine time elapsed since
    /// the anchor, never past the end.
    /// </summary>
    public DateTimeOffset PacedClock(DateTimeOffset engineNow)
    {
        var target = Progress.AnchorVirtual + ((engineNow - Progress.AnchorReal) * Progress.Speed);
        return target > End ? End : target;
    }

    /// <summary>Stops the clock where it stands: a paused run's clock does not move until it is anchored again.</summary>
    public void Pause() => Progress.AnchorVirtual = Progress.VirtualNow;

    /// <summary>Lets the clock run on from where it stands, from the engine's <paramref name="engineNow"/>.</summary>
    public void Anchor(DateTimeOffset engineNow)
    {
        Progress.AnchorReal = engineNow;
        Progress.AnchorVirtual = Progress.VirtualNow;
    }

    /// <summary>The moment a jump to <paramref name="offset"/> reaches (the end at most), or why the clock cannot go there.</summary>
    public (DateTimeOffset Target, Message? Refusal) JumpTarget(TimeSpan offset)
    {
        var target = Scenario.At(offset < Scenario.End ? offset : Scenario.End);
        return target <= Progress.VirtualNow
            ? (target, DrillTexts.ClockNeverGoesBack.With(("at", Offsets.Format(Progress.VirtualNow - Scenario.Start))))
            : (target, null);
    }

    /// <summary>Moves the clock to <paramref name="moment"/> once everything due before it has been applied; it never goes back.</summary>
    public void MoveClockTo(DateTimeOffset moment)
    {
        if (moment > Progress.VirtualNow)
        {
            Progress.VirtualNow = moment;
        }
    }

    /// <summary>Ends the run: the clock at the end, no incident to look at again.</summary>
    public void Finish()
    {
        Progress.VirtualNow = End;
        _wakes.Clear();
        _wakeOrder.Clear();
    }

    /// <summary>The next moment something happens: an inject, or a deadline of one of the incidents passing.</summary>
    public DateTimeOffset? NextMoment()
    {
        DateTimeOffset? next = Progress.Applied < Scenario.Injects.Count ? Scenario.At(Scenario.Injects[Progress.Applied].At) : null;
        foreach (var queued in _queued)
        {
            next = Earliest(next, Scenario.At(queued.Scheduled.At));
        }

        return _wakeOrder.Count > 0 ? Earliest(next, _wakeOrder.Min.At) : next;
    }

    /// <summary>
    /// What is due at the next moment, if it comes by <paramref name="target"/>: the incidents to advance first (their
    /// deadlines passed), then the injects, in sequence order.
    /// </summary>
    public DueMoment? Due(DateTimeOffset target)
    {
        if (NextMoment() is not { } moment || moment > target)
        {
            return null;
        }

        var advance = WakingBy(moment);
        var injects = ScenarioInjectsAt(Progress.Applied, moment);
        injects.AddRange(_queued.Where(q => Scenario.At(q.Scheduled.At) == moment));
        return new DueMoment(moment, advance, Sorted(injects));
    }

    /// <summary>
    /// Records what a moment's injects yielded, in sequence order whatever order the answers came in: the messages to the
    /// players and the refusals (the first for a sequence counts); then the injects are applied and the clock moves on.
    /// </summary>
    public void Done(DueMoment due, IEnumerable<(int Sequence, RefusedInject Refusal)> refusals)
    {
        var refused = new Dictionary<int, RefusedInject>();
        foreach (var (sequence, refusal) in refusals)
        {
            refused.TryAdd(sequence, refusal);
        }

        foreach (var inject in due.Injects)
        {
            if (inject.Scheduled.Inject is PlayerMessage message)
            {
                Progress.Messages.Add(new DrillMessage(due.Moment, Offsets.Format(inject.Scheduled.At), message.To, message.Text));
            }
            else if (refused.TryGetValue(inject.Scheduled.Sequence, out var why))
            {
                Progress.Refused.Add(why);
            }
        }

        Progress.Applied += due.Injects.Count(i => i.Manual is null);
        foreach (var inject in due.Injects.Where(i => i.Manual is not null))
        {
            inject.Manual!.Applied = true;
            _queued.Remove(inject);
        }

        MoveClockTo(due.Moment);
    }

    /// <summary>Learns when to look at an incident again, from its obligations as they stand.</summary>
    public void Woke(string incident, IReadOnlyList<ObligationView>? obligations)
    {
        if (_wakes.Remove(incident, out var before))
        {
            _wakeOrder.Remove((before, incident));
        }

        if (WakeOf(obligations) is { } wake)
        {
            _wakes[incident] = wake;
            _wakeOrder.Add((wake, incident));
        }
    }

    /// <summary>The incidents whose next deadline has passed by <paramref name="moment"/>, by name.</summary>
    public IReadOnlyList<string> WakingBy(DateTimeOffset moment) =>
        _wakeOrder.TakeWhile(w => w.At <= moment).Select(w => w.Incident).Order(StringComparer.Ordinal).ToList();

    /// <summary>When the drill must look at <paramref name="incident"/> again; null when nothing of it is due before its next move.</summary>
    public DateTimeOffset? WakeAt(string incident) => _wakes.TryGetValue(incident, out var wake) ? wake : null;

    /// <summary>The role a player of the inject acts in.</summary>
    public static Role PlayerRole(Inject inject) => inject switch
    {
        IncidentInject acting => acting.By,
        DecisionStep step => step.By,
        ComplaintFiled complaint => complaint.By,
        _ => Role.DutyCommander,
    };

    /// <summary>The case an inject acts on: injects of one case are applied in their order, those of different cases side by side.</summary>
    public static string? CaseOf(Inject inject) => inject switch
    {
        IncidentInject acting => $"incident/{acting.Incident}",
        DecisionStep step => $"decision/{step.Decision}",
        _ => null,
    };

    /// <summary>The scenario's injects from its number <paramref name="next"/> on that are due at <paramref name="moment"/>, as the scenario plays them.</summary>
    private List<DueInject> ScenarioInjectsAt(int next, DateTimeOffset moment)
    {
        var injects = new List<DueInject>();
        for (; next < Scenario.Injects.Count && Scenario.At(Scenario.Injects[next].At) == moment; next++)
        {
            var scheduled = Scenario.Injects[next];
            injects.Add(new DueInject(scheduled, new Actor("scenario", PlayerRole(scheduled.Inject))));
        }

        return injects;
    }

    private static List<DueInject> Sorted(List<DueInject> injects)
    {
        injects.Sort((a, b) => (a.Scheduled.Sequence, a.Scheduled.Copy).CompareTo((b.Scheduled.Sequence, b.Scheduled.Copy)));
        return injects;
    }

    /// <summary>When the drill must look at an incident again: a second after its earliest deadline not yet passed.</summary>
    private static DateTimeOffset? WakeOf(IReadOnlyList<ObligationView>? obligations) =>
        obligations?.Where(o => o.CompletedAt is null && o.OverdueSince is null).Select(o => (DateTimeOffset?)(o.DueAt + MarkDelay)).Min();

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Wakes by moment, then by incident name (ordinal): one entry per incident.</summary>
    private sealed class WakeFirst : IComparer<(DateTimeOffset At, string Incident)>
    {
        public static WakeFirst Instance { get; } = new();

        public int Compare((DateTimeOffset At, string Incident) x, (DateTimeOffset At, string Incident) y)
        {
            var byMoment = x.At.CompareTo(y.At);
            return byMoment != 0 ? byMoment : string.CompareOrdinal(x.Incident, y.Incident);
        }
    }
}

/// <summary>An inject due, with the player who plays it; <see cref="Manual"/> is its record when it was sent by hand.</summary>
public sealed record DueInject(ScheduledInject Scheduled, Actor Actor, ManualInjectRecord? Manual = null);

/// <summary>One moment of the drill: the incidents whose deadlines passed, to advance first, and the injects due, in sequence order.</summary>
public sealed record DueMoment(DateTimeOffset Moment, IReadOnlyList<string> Advance, IReadOnlyList<DueInject> Injects);
