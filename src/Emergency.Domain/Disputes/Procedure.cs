using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// The book-keeping petitions and suggestions share: opening obligations and windows with deadlines counted on the
/// working calendar, completing and withdrawing them, marking what fell due, and writing the timeline.
/// </summary>
internal sealed class Procedure(CaseState state, WorkingCalendar calendar, Counting counting)
{
    public CaseState State { get; } = state;

    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>The earliest deadline or window end still ahead: when the engine must look again.</summary>
    public DateTimeOffset? NextDueAt =>
        State.Obligations.Where(o => o.IsOpen && o.OverdueSince is null).Select(o => (DateTimeOffset?)o.DueAt)
            .Concat(State.Windows.Where(w => !w.IsUsed && !w.IsWaived && w.LapsedAt is null).Select(w => (DateTimeOffset?)w.ClosesAt))
            .Min();

    public bool HasOverdue => State.Obligations.Any(o => o.IsOpen && o.OverdueSince is not null);

    public IEnumerable<DisputeObligation> OpenObligations => State.Obligations.Where(o => o.IsOpen);

    public DisputeObligation? Open(DisputeObligationKind kind) => State.Obligations.LastOrDefault(o => o.Kind == kind && o.IsOpen);

    public DisputeObligation? Last(DisputeObligationKind kind) => State.Obligations.LastOrDefault(o => o.Kind == kind);

    public Window? LastWindow(WindowKind kind) => State.Windows.LastOrDefault(w => w.Kind == kind);

    public CountedLimit Count(DateTimeOffset from, Limit limit, Message eventName, int extraLength = 0) =>
        Calendar.Count(from, limit.Length + extraLength, limit.Unit, counting, eventName);

    /// <summary>Opens an obligation whose deadline a rule limit sets, counted from <paramref name="from"/>.</summary>
    public DisputeObligation OpenObligation(DisputeObligationKind kind, Limit limit, DateTimeOffset from, Message eventName, string unit, DateTimeOffset now)
    {
        var counted = Count(from, limit, eventName);
        return OpenObligation(kind, counted.DueAt, Basis(counted, limit), from, unit, now);
    }

    /// <summary>Why a limit ends where it does: the counting, then the rule's standing and source.</summary>
    public static Message Basis(CountedLimit counted, Limit limit) =>
        DisputeTexts.BasisRule.With(("counted", counted.Basis), ("basis", DisputeTexts.LimitBasis(limit.Basis)), ("source", limit.Source));

    /// <summary>Opens an obligation with a deadline set another way (the one fixed at assignment).</summary>
    public DisputeObligation OpenObligation(DisputeObligationKind kind, DateTimeOffset dueAt, Message basis, DateTimeOffset from, string unit, DateTimeOffset now)
    {
        var number = State.Obligations.Count(o => o.Kind == kind) + 1;
        var obligation = new DisputeObligation
        {
            Id = number == 1 ? kind.Name() : $"{kind.Name()}-{number}",
            Kind = kind,
            OpenedAt = from,
            DueAt = dueAt,
            DeadlineBasis = basis,
            Unit = unit,
        };
        State.Obligations.Add(obligation);
        Append(now, now, Actor.System, DisputeTimelineKind.DeadlineSet, DisputeTexts.DeadlineSet.With(("obligation", kind.Title()), ("due", dueAt), ("basis", basis)), obligation.Id);
        return obligation;
    }

    public Window OpenWindow(WindowKind kind, Limit limit, DateTimeOffset from, Message eventName, DateTimeOffset now)
    {
        var counted = Count(from, limit, eventName);
        var number = State.Windows.Count(w => w.Kind == kind) + 1;
        var window = new Window
        {
            Id = number == 1 ? kind.Name() : $"{kind.Name()}-{number}",
            Kind = kind,
            OpensAt = from,
            ClosesAt = counted.DueAt,
            Basis = Basis(counted, limit),
        };
        State.Windows.Add(window);
        Append(now, now, Actor.System, DisputeTimelineKind.WindowOpened, DisputeTexts.WindowOpened.With(("window", kind.Title()), ("until", window.ClosesAt), ("basis", window.Basis)), window.Id);
        return window;
    }

    public void Complete(DisputeObligation obligation, DateTimeOffset at, DateTimeOffset now, Actor actor, string? note)
    {
        obligation.Complete(at, now, actor);
        obligation.Note = note;
        Message recorded = now - at > TimeSpan.FromMinutes(1) ? DisputeTexts.RecordedLater.With(("after", now - at)) : DisputeTexts.Nothing;
        var text = obligation.LateBy is { } late
            ? DisputeTexts.CompletedLate.With(("obligation", obligation.Kind.Title()), ("late", late), ("due", obligation.EffectiveDeadline), ("recorded", recorded))
            : DisputeTexts.CompletedOnTime.With(("obligation", obligation.Kind.Title()), ("due", obligation.DueAt), ("recorded", recorded));
        Append(at, now, actor, DisputeTimelineKind.ObligationCompleted, text, obligation.Id);
    }

    public void Withdraw(DisputeObligation obligation, DateTimeOffset at, DateTimeOffset now, Actor actor, Message because)
    {
        obligation.WithdrawnAt = at;
        obligation.WithdrawnBecause = because;
        Append(at, now, actor, DisputeTimelineKind.ObligationWithdrawn, DisputeTexts.Withdrawn.With(("obligation", obligation.Kind.Title()), ("because", because)), obligation.Id);
    }

    public void Use(Window window, DateTimeOffset at, DateTimeOffset now, Actor actor)
    {
        window.UsedAt = at;
        window.RecordedAt = now;
        window.UsedBy = actor.ToString();
        Message late = window.LapsedAt is not null ? DisputeTexts.UsedAfterLapse : DisputeTexts.Nothing;
        Append(at, now, actor, DisputeTimelineKind.WindowUsed, DisputeTexts.WindowUsed.With(("window", window.Kind.Title()), ("until", window.ClosesAt), ("late", late)), window.Id);
    }

    public void Waive(Window window, DateTimeOffset at, DateTimeOffset now, Actor actor, Message because)
    {
        window.WaivedAt = at;
        window.WaivedBecause = because;
        Append(at, now, actor, DisputeTimelineKind.WindowWaived, DisputeTexts.WindowWaived.With(("window", window.Kind.Title()), ("because", because)), window.Id);
    }

    /// <summary>Marks overdue obligations and lapsed windows, each dated at its own deadline. Returns whether anything changed.</summary>
    public bool MarkDue(DateTimeOffset now)
    {
        var due = State.Obligations.Where(o => o.FellDueBy(now)).Select(o => (At: o.DueAt, Obligation: (DisputeObligation?)o, Window: (Window?)null))
            .Concat(State.Windows.Where(w => !w.IsUsed && !w.IsWaived && w.LapsedAt is null && w.ClosesAt < now).Select(w => (At: w.ClosesAt, Obligation: (DisputeObligation?)null, Window: (Window?)w)))
            .OrderBy(d => d.At)
            .ToList();
        foreach (var (at, obligation, window) in due)
        {
            if (obligation is not null)
            {
                obligation.MarkOverdue();
                Append(at, now, Actor.System, DisputeTimelineKind.ObligationOverdue, DisputeTexts.Overdue.With(("obligation", obligation.Kind.Title()), ("due", obligation.DueAt), ("unit", obligation.Unit)), obligation.Id);
            }
            else
            {
                window!.LapsedAt = window.ClosesAt;
                Append(at, now, Actor.System, DisputeTimelineKind.WindowLapsed, DisputeTexts.WindowLapsed.With(("window", window.Kind.Title()), ("at", window.ClosesAt)), window.Id);
            }
        }

        return due.Count > 0;
    }

    public void Append(DateTimeOffset at, DateTimeOffset recordedAt, Actor actor, DisputeTimelineKind kind, Message text, string? reference = null) =>
        State.Timeline.Append(at, recordedAt, actor.ToString(), kind, text, reference);
}
