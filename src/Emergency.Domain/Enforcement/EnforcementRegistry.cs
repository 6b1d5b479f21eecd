using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Domain.Regions;

namespace Emergency.Domain.Enforcement;

/// <summary>
/// The registry of enforcement tools (挂牌督办, 黑名单, 区域限批). Every entry keeps its timeline; which roles may set
/// and lift entries is decided at the API, the registry records who did. Every method takes "now" from its caller;
/// a refused command changes nothing.
/// </summary>
public sealed partial class EnforcementRegistry(EnforcementRegistryState state, RegionCatalog regions) : IRegionalRestrictions
{
    public EnforcementRegistry(EnforcementRegistryState state)
        : this(state, RegionCatalog.None)
    {
    }

    public EnforcementRegistryState State { get; } = state;

    public RegionCatalog Regions => regions;

    /// <summary>Marks every supervision whose rectification deadline passed while in place as overdue. Returns true when anything changed.</summary>
    public bool Tick(DateTimeOffset now)
    {
        if (!MarkOverdue(now))
        {
            return false;
        }

        State.Version++;
        return true;
    }

    /// <summary>
    /// One move on the registry, as every move is judged: what fell due is marked first, as a version of its own; bad
    /// fields are refused with their errors, then a move the registry does not allow now with its reason and the moves
    /// that are; otherwise <paramref name="change"/> is made, as one version.
    /// </summary>
    /// <param name="now">The moment of the move.</param>
    /// <param name="check">The move's fields, checked.</param>
    /// <param name="refusal">Why the registry does not allow the move now; null when it does.</param>
    /// <param name="change">The move's effect.</param>
    private Decision Move(DateTimeOffset now, Validator check, Func<Message?> refusal, Action change)
    {
        Tick(now);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        if (refusal() is { } why)
        {
            return Decision.NotAllowed(why, AllowedMoves(now));
        }

        change();
        State.Version++;
        return Decision.Accepted;
    }

    public Decision ListSupervision(string id, ListSupervision command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("id", id)
            .Defined("targetKind", command.TargetKind)
            .Required("target", command.Target)
            .Required("matter", command.Matter, Validator.LongText)
            .Required("issuedBy", command.IssuedBy);
        if (command.RectificationDeadline <= now)
        {
            check.Add("rectificationDeadline", CommonTexts.NotAfterNow.With(("value", command.RectificationDeadline), ("now", now)));
        }

        return Move(now, check, () => State.Supervisions.FirstOrDefault(s => s.Id == id) is { } taken
            ? EnforcementTexts.IdTakenBySupervision.With(("id", id), ("target", taken.Target))
            : null, () =>
        {
            var supervision = new ListedSupervision
            {
                Id = id,
                TargetKind = command.TargetKind,
                Target = command.Target.Trim(),
                Matter = command.Matter,
                IssuedBy = command.IssuedBy.Trim(),
                ListedAt = now,
                ListedBy = actor.ToString(),
                RectificationDeadline = command.RectificationDeadline,
            };
            supervision.Timeline.Append(now, now, actor.ToString(), EnforcementTimelineKind.SupervisionListed,
                EnforcementTexts.Listed.With(
                    ("target", Arg.Of(command.TargetKind)), ("name", supervision.Target), ("by", supervision.IssuedBy), ("matter", command.Matter), ("deadline", command.RectificationDeadline)));
            State.Supervisions.Add(supervision);
        });
    }

    public Decision LiftSupervision(string id, LiftSupervision command, Actor actor, DateTimeOffset now)
    {
        var supervision = State.Supervisions.FirstOrDefault(s => s.Id == id);
        return Move(now, new Validator().Required("note", command.Note, Validator.LongText), () => supervision switch
        {
            null => EnforcementTexts.NoSupervision.With(("id", id)),
            { LiftedAt: { } lifted } => EnforcementTexts.SupervisionAlreadyLifted.With(("target", supervision.Target), ("at", lifted), ("by", supervision.LiftedBy ?? "")),
            _ => null,
        }, () =>
        {
            supervision!.LiftedAt = now;
            supervision.LiftedBy = actor.ToString();
            supervision.LiftNote = command.Note;
            var timing = now > supervision.RectificationDeadline
                ? EnforcementTexts.LiftedLate.With(("late", now - supervision.RectificationDeadline), ("deadline", supervision.RectificationDeadline))
                : EnforcementTexts.LiftedInTime.With(("deadline", supervision.RectificationDeadline));
            supervision.Timeline.Append(now, now, actor.ToString(), EnforcementTimelineKind.SupervisionLifted, EnforcementTexts.SupervisionLifted.With(("target", supervision.Target), ("timing", timing), ("note", command.Note)));
        });
    }

    public Decision AddToBlacklist(string id, AddToBlacklist command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("id", id)
            .Required("enterprise", command.Enterprise)
            .Required("reason", command.Reason, Validator.LongText);
        var enterprise = command.Enterprise?.Trim() ?? "";
        return Move(now, check, () =>
            State.Blacklist.FirstOrDefault(b => b.Id == id) is { } taken
                ? EnforcementTexts.IdTakenByBlacklist.With(("id", id), ("enterprise", taken.Enterprise))
            : State.Blacklist.FirstOrDefault(b => SameName(b.Enterprise, enterprise) && b.IsListedAt(now)) is { } listed
                ? EnforcementTexts.AlreadyBlacklisted.With(("enterprise", listed.Enterprise), ("id", listed.Id), ("at", listed.AddedAt), ("by", listed.AddedBy), ("reason", listed.Reason))
            : null, () =>
        {
            var entry = new BlacklistEntry { Id = id, Enterprise = enterprise, Reason = command.Reason, AddedAt = now, AddedBy = actor.ToString() };
            entry.Timeline.Append(now, now, actor.ToString(), EnforcementTimelineKind.Blacklisted, EnforcementTexts.Blacklisted.With(("enterprise", enterprise), ("reason", command.Reason)));
            State.Blacklist.Add(entry);
        });
    }

    public Decision RemoveFromBlacklist(string id, RemoveFromBlacklist command, Actor actor, DateTimeOffset now)
    {
        var entry = State.Blacklist.FirstOrDefault(b => b.Id == id);
        return Move(now, new Validator().Required("reason", command.Reason, Validator.LongText), () => entry switch
        {
            null => EnforcementTexts.NoBlacklistEntry.With(("id", id)),
            { RemovedAt: { } removed } => EnforcementTexts.AlreadyRemoved.With(("enterprise", entry.Enterprise), ("at", removed), ("by", entry.RemovedBy ?? "")),
            _ => null,
        }, () =>
        {
            entry!.RemovedAt = now;
            entry.RemovedBy = actor.ToString();
            entry.RemovalReason = command.Reason;
            entry.Timeline.Append(now, now, actor.ToString(), EnforcementTimelineKind.RemovedFromBlacklist, EnforcementTexts.RemovedFromBlacklist.With(("enterprise", entry.Enterprise), ("reason", command.Reason)));
        });
    }

    public Decision SetRestriction(string id, SetRegionalRestriction command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("id", id)
            .Required("region", command.Region)
            .Required("reason", command.Reason, Validator.LongText);
        if (regions.Problem(command.Region) is { } unknown)
        {
            check.Add("region", unknown);
        }

        return Move(now, check, () => State.Restrictions.FirstOrDefault(r => r.Id == id) is { } taken
            ? EnforcementTexts.IdTakenByRestriction.With(("id", id), ("region", taken.Region))
            : null, () =>
        {
            var restriction = new RegionalRestriction { Id = id, Region = command.Region.Trim(), Reason = command.Reason, SetAt = now, SetBy = actor.ToString() };
            restriction.Timeline.Append(now, now, actor.ToString(), EnforcementTimelineKind.RestrictionSet, EnforcementTexts.RestrictionSet.With(("region", restriction.Region), ("reason", command.Reason)));
            State.Restrictions.Add(restriction);
        });
    }

    public Decision LiftRestriction(string id, LiftRegionalRestriction command, Actor actor, DateTimeOffset now)
    {
        var restriction = State.Restrictions.FirstOrDefault(r => r.Id == id);
        return Move(now, new Validator().Required("reason", command.Reason, Validator.LongText), () => restriction switch
        {
            null => EnforcementTexts.NoRestriction.With(("id", id)),
            { LiftedAt: { } lifted } => EnforcementTexts.RestrictionAlreadyLifted.With(("region", restriction.Region), ("at", lifted), ("by", restriction.LiftedBy ?? "")),
            _ => null,
        }, () =>
        {
            restriction!.LiftedAt = now;
            restriction.LiftedBy = actor.ToString();
            restriction.LiftReason = command.Reason;
            restriction.Timeline.Append(now, now, actor.ToString(), EnforcementTimelineKind.RestrictionLifted, EnforcementTexts.RestrictionLifted.With(("region", restriction.Region), ("after", now - restriction.SetAt), ("reason", command.Reason)));
        });
    }

    /// <summary>The regional approval restrictions reaching <paramref name="region"/> in force at <paramref name="now"/>.</summary>
    public IReadOnlyList<RegionalRestriction> InForce(string region, DateTimeOffset now) =>
        [.. State.Restrictions.Where(r => r.Covers(region, regions) && r.InForceAt(now))];

    /// <summary>Every regional approval restriction in force at <paramref name="now"/>, whatever the region.</summary>
    public IReadOnlyList<RegionalRestriction> InForce(DateTimeOffset now) => [.. State.Restrictions.Where(r => r.InForceAt(now))];

    public bool IsBlacklisted(string enterprise, DateTimeOffset now) => State.Blacklist.Any(b => SameName(b.Enterprise, enterprise) && b.IsListedAt(now));

    /// <summary>The moves possible now, in the words of the API.</summary>
    public IReadOnlyList<string> AllowedMoves(DateTimeOffset now) =>
    [
        "listSupervision",
        "addToBlacklist",
        "setRestriction",
        .. State.Supervisions.Where(s => !s.IsLifted).Select(s => $"liftSupervision({s.Id})"),
        .. State.Blacklist.Where(b => b.RemovedAt is null).Select(b => $"removeFromBlacklist({b.Id})"),
        .. State.Restrictions.Where(r => r.LiftedAt is null).Select(r => $"liftRestriction({r.Id})"),
    ];

    private bool MarkOverdue(DateTimeOffset now)
    {
        var changed = false;
        foreach (var s in State.Supervisions.Where(s => !s.IsLifted && s.OverdueSince is null && s.RectificationDeadline < now).OrderBy(s => s.RectificationDeadline))
        {
            s.OverdueSince = s.RectificationDeadline;
            s.Timeline.Append(s.RectificationDeadline, now, Actor.System.ToString(), EnforcementTimelineKind.RectificationOverdue,
                EnforcementTexts.DeadlinePassed.With(("target", s.Target), ("deadline", s.RectificationDeadline)));
            changed = true;
        }

        return changed;
    }

    private static bool SameName(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
