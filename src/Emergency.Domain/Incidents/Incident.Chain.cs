using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Domain.Regions;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The reporting chain (逐级上报, MEP Order 17 arts. 3, 7 and 9): each report moves up the levels as hops, each required hop
/// an obligation whose deadline runs from when the level below received it (the first hops from discovery). A hop is
/// recorded with <see cref="RecordHop"/>; a regrade runs the chain again at the new level, and hops already made stay.
/// </summary>
public sealed partial class Incident
{
    private const string HopPrefix = "reportUp-";

    private static readonly ChainParty MinistryParty = new() { Key = "ministry", Rank = ChainRank.Ministry };

    private static readonly ChainParty StateCouncilParty = new() { Key = "stateCouncil", Rank = ChainRank.StateCouncil };

    /// <summary>The chain as the incident's view shows it: every hop made or owed, then those still awaiting their sender's receipt.</summary>
    public IReadOnlyList<HopView> ChainView(DateTimeOffset now)
    {
        if (State.Chain is not { } chain)
        {
            return [];
        }

        var made = chain.Hops.Select(h => ViewOf(h, now));
        var awaiting = Planned(chain).Where(p => p.Start is null && !chain.Hops.Any(h => h.Id == p.Id)).Select(p => new HopView
        {
            Id = p.Id,
            From = p.From,
            To = p.To,
            FromName = NameOf(p.From),
            ToName = NameOf(p.To),
            Status = HopStatus.Awaiting,
            Required = true,
            Level = chain.Level,
        });
        return [.. made, .. awaiting];
    }

    /// <summary>Traces the chain from the incident's region at registration; a region outside the catalog has none.</summary>
    private void OpenChain(RegionCatalog regions, DateTimeOffset now)
    {
        if (_rules.ReportingChain is null || regions.Resolve(State.Region).Region is not { } origin)
        {
            return;
        }

        State.Chain = new ReportingChain
        {
            Bureaus = [.. regions.Ancestors(origin).Prepend(origin).Select(PartyOf)],
            Level = ChainLevel(),
            LevelSince = State.DiscoveredAt,
        };
        OpenDueHops(State.Chain, now);
    }

    private static void DeclareChain(CaseProcedure<Incident, IncidentPhase, IncidentCommand> steps) =>
        steps.In(IncidentPhase.Open)
            .InternalIf<RecordHop>(static (i, m) => i.WhyNotHop(m.Command as RecordHop) is null, static (i, c, a, now) => i.ApplyHop(c, a, now),
                "the incident has a reporting chain and the hop is not received yet, or was phoned and this is its written report");

    /// <summary>A regrade runs the chain again: the hops due at the new level open, counted from the regrade; hops made stay.</summary>
    private void RerunChain(DateTimeOffset now)
    {
        if (State.Chain is not { } chain || ChainLevel() is var level && level == chain.Level)
        {
            return;
        }

        var before = chain.Level;
        chain.Level = level;
        chain.LevelSince = now;
        var opening = Planned(chain).Where(p => p.Start is not null && !chain.Hops.Any(h => h.Id == p.Id)).ToList();
        Append(now, now, Actor.System, TimelineKind.Regraded, opening.Count == 0
            ? ChainTexts.RerunNothingNew.With(("before", Arg.Of(before)), ("level", Arg.Of(level)))
            : ChainTexts.Rerun.With(("before", Arg.Of(before)), ("level", Arg.Of(level)), ("hops", Listed(opening.Select(p => HopName(p.From, p.To))))));
        OpenDueHops(chain, now);
    }

    private void CheckHop(Validator check, RecordHop command, DateTimeOffset now)
    {
        check.Required("hop", command.Hop)
            .Defined("medium", command.Medium)
            .Required("sentBy", command.SentBy)
            .Optional("note", command.Note)
            .NotInFuture("sentAt", command.SentAt, now)
            .NotBefore("sentAt", command.SentAt, State.DiscoveredAt, IncidentTexts.TheDiscovery)
            .NotInFuture("receivedAt", command.ReceivedAt, now)
            .NotBefore("receivedAt", command.ReceivedAt, command.SentAt, ChainTexts.TheSending);
        if (command.ReceivedAt is null)
        {
            check.Optional("receivedBy", command.ReceivedBy, Validator.ShortText);
        }
        else
        {
            check.Required("receivedBy", command.ReceivedBy);
        }

        if (State.Chain is not { } chain || string.IsNullOrWhiteSpace(command.Hop))
        {
            return;
        }

        if (Candidate(chain, command.Hop.Trim()) is not { } hop)
        {
            check.Add("hop", ChainTexts.UnknownHop.With(("hop", command.Hop.Trim()), ("known", Arg.Of(Candidates(chain).Select(c => Arg.Of(c.Id))))));
        }
        else if (FirstReceipt(chain, hop.From.Key) is { } received)
        {
            check.NotBefore("sentAt", command.SentAt, received, ChainTexts.SenderReceipt.With(("sender", NameOf(hop.From))));
        }
    }

    /// <summary>Why the hop cannot be recorded now; null when it can (and, for the machine's probe without a hop, when the incident has a chain).</summary>
    private Message? WhyNotHop(RecordHop? command)
    {
        if (State.Chain is not { } chain)
        {
            return ChainTexts.NoChain.With(("region", State.Region));
        }

        var hop = command?.Hop is { } id ? chain.Hops.FirstOrDefault(h => h.Id == id.Trim()) : null;
        return hop switch
        {
            null or { ReceivedAt: null } => null,
            { WrittenAt: { } written } => ChainTexts.WrittenAlready.With(("hop", hop.Id), ("at", written)),
            { Medium: ReportMedium.Phone } when command!.Medium == ReportMedium.Written => null,
            _ => ChainTexts.AlreadyReceived.With(("hop", hop.Id), ("at", hop.ReceivedAt!.Value)),
        };
    }

    private void ApplyHop(RecordHop command, Actor actor, DateTimeOffset now)
    {
        var chain = State.Chain!;
        var (id, from, to) = Candidate(chain, command.Hop.Trim())!.Value;
        var hop = chain.Hops.FirstOrDefault(h => h.Id == id);
        if (hop is { ReceivedAt: { } phoned })
        {
            hop.WrittenAt = command.ReceivedAt ?? command.SentAt;
            Append(hop.WrittenAt.Value, now, actor, TimelineKind.HopRecorded,
                ChainTexts.WrittenReceived.With(("from", NameOf(from)), ("to", NameOf(to)), ("at", hop.WrittenAt.Value), ("phoned", phoned)), hop.Required ? id : null);
            return;
        }

        if (hop is null)
        {
            // A hop of the chain recorded before its sender's receipt was: the sender had the report when it sent it on.
            var planned = Planned(chain).FirstOrDefault(p => p.Id == id);
            hop = planned is null ? new Hop { Id = id, From = from, To = to, Required = false } : Open(chain, planned with { Start = command.SentAt, Received = command.SentAt }, now);
            if (planned is null)
            {
                chain.Hops.Add(hop);
            }
        }

        hop.SentAt = command.SentAt;
        hop.SentBy = command.SentBy.Trim();
        hop.Medium = command.Medium;
        hop.Note = Words(command.Note);
        hop.ReceivedAt = command.ReceivedAt;
        hop.ReceivedBy = command.ReceivedAt is null ? null : command.ReceivedBy!.Trim();
        Append(command.ReceivedAt ?? command.SentAt, now, actor, hop.Required && hop.ReceivedAt is not null ? TimelineKind.ObligationCompleted : TimelineKind.HopRecorded,
            WithNote(Describe(hop, now, actor), hop.Note), hop.Required ? id : null);
        if (!hop.Required)
        {
            SkipBelow(chain, hop, now, actor);
        }

        OpenDueHops(chain, now);
    }

    /// <summary>What a recorded hop says in the timeline; a required hop received also completes its obligation.</summary>
    private Message Describe(Hop hop, DateTimeOffset now, Actor actor)
    {
        var (from, to) = (NameOf(hop.From), NameOf(hop.To));
        var medium = Arg.Of(hop.Medium!.Value);
        if (hop.ReceivedAt is not { } received)
        {
            return ChainTexts.HopSent.With(("from", from), ("to", to), ("medium", medium), ("sent", hop.SentAt!.Value), ("sentBy", hop.SentBy!));
        }

        Message text;
        if (!hop.Required)
        {
            text = ChainTexts.HopDirect.With(
                ("from", from), ("to", to), ("medium", medium), ("sent", hop.SentAt!.Value), ("sentBy", hop.SentBy!), ("received", received), ("receivedBy", hop.ReceivedBy!));
        }
        else
        {
            var obligation = State.Obligations.First(o => o.Id == hop.Id);
            obligation.CompletedAt = received;
            obligation.RecordedAt = now;
            obligation.CompletedBy = actor.ToString();
            obligation.Note = hop.Note;
            text = obligation.LateBy is { } late
                ? ChainTexts.HopReceivedLate.With(
                    ("from", from), ("to", to), ("medium", medium), ("sent", hop.SentAt!.Value), ("sentBy", hop.SentBy!), ("received", received), ("receivedBy", hop.ReceivedBy!),
                    ("late", late), ("due", obligation.EffectiveDeadline))
                : ChainTexts.HopReceived.With(
                    ("from", from), ("to", to), ("medium", medium), ("sent", hop.SentAt!.Value), ("sentBy", hop.SentBy!), ("received", received), ("receivedBy", hop.ReceivedBy!));
        }

        return hop.WrittenOwed ? ChainTexts.WrittenOwed.With(("text", text)) : text;
    }

    /// <summary>A direct report past the next level: the sender's required hops to the levels it went past, not received, are shown skipped.</summary>
    private void SkipBelow(ReportingChain chain, Hop direct, DateTimeOffset now, Actor actor)
    {
        foreach (var skipped in chain.Hops.Where(h => h.Required && h.From.Key == direct.From.Key && h.ReceivedAt is null && h.SkippedBy is null
                     && h.To.Rank > direct.From.Rank && h.To.Rank < direct.To.Rank && h.To.Rank != ChainRank.Government))
        {
            skipped.SkippedBy = direct.Id;
            skipped.SkippedAt = direct.SentAt;
            Append(direct.SentAt!.Value, now, actor, TimelineKind.HopRecorded,
                ChainTexts.HopSkipped.With(("from", NameOf(skipped.From)), ("to", NameOf(skipped.To)), ("via", NameOf(direct.To))), skipped.Id);
        }
    }

    /// <summary>Opens every hop due at the chain's level whose start is known and that is not open yet.</summary>
    private void OpenDueHops(ReportingChain chain, DateTimeOffset now)
    {
        foreach (var planned in Planned(chain).Where(p => p.Start is not null && !chain.Hops.Any(h => h.Id == p.Id)).ToList())
        {
            Open(chain, planned, now);
        }
    }

    private Hop Open(ReportingChain chain, PlannedHop planned, DateTimeOffset now)
    {
        var start = planned.Start!.Value;
        var window = planned.Rule.ByLevel[chain.Level];
        var why = ChainLevelWhy(chain.Level);
        var basis = planned.From.Key == chain.Bureaus[0].Key || planned.Received is not { } received || received < chain.LevelSince
            ? (start == State.DiscoveredAt
                ? ChainTexts.BasisFromDiscovery.With(("why", why), ("window", window), ("basis", planned.Rule.Basis), ("source", planned.Rule.Source))
                : ChainTexts.BasisFromRegrade.With(("why", why), ("window", window), ("since", start), ("basis", planned.Rule.Basis), ("source", planned.Rule.Source)))
            : ChainTexts.BasisFromReceipt.With(
                ("why", why), ("window", window), ("sender", NameOf(planned.From)), ("received", received), ("basis", planned.Rule.Basis), ("source", planned.Rule.Source));
        var hop = new Hop { Id = planned.Id, From = planned.From, To = planned.To, Required = true, Level = chain.Level };
        chain.Hops.Add(hop);
        State.Obligations.Add(new Obligation { Id = planned.Id, Kind = ObligationKind.ReportUp, DueAt = start + window, DeadlineBasis = basis, OpenedAt = start });
        Append(now, now, Actor.System, TimelineKind.DeadlineSet,
            ChainTexts.HopDue.With(("from", NameOf(planned.From)), ("to", NameOf(planned.To)), ("due", start + window), ("basis", basis)), planned.Id);
        return hop;
    }

    /// <summary>
    /// The hops the rule set requires at the chain's level, with when each one's window starts: the level's start for the
    /// origin's hops, the later of its sender's first receipt and the level's start for the others (none while not received).
    /// </summary>
    private IEnumerable<PlannedHop> Planned(ReportingChain chain)
    {
        foreach (var rule in _rules.ReportingChain?.Hops ?? [])
        {
            if (!rule.ByLevel.ContainsKey(chain.Level) || Resolve(chain, rule.From) is not { } from || Resolve(chain, rule.To) is not { } to || from.Key == to.Key)
            {
                continue;
            }

            var received = from.Key == chain.Bureaus[0].Key ? null : FirstReceipt(chain, from.Key);
            var start = from.Key == chain.Bureaus[0].Key ? chain.LevelSince : received is { } r ? (r > chain.LevelSince ? r : chain.LevelSince) : (DateTimeOffset?)null;
            yield return new PlannedHop(HopId(from, to), from, to, rule, start, received);
        }
    }

    /// <summary>Every hop that may be recorded: from any bureau of the chain, the ministry included, to any party above it, and the origin to its government.</summary>
    private static IEnumerable<(string Id, ChainParty From, ChainParty To)> Candidates(ReportingChain chain)
    {
        ChainParty[] line = [.. chain.Bureaus, MinistryParty, StateCouncilParty];
        var origin = chain.Bureaus[0];
        var government = GovernmentOf(origin);
        yield return (HopId(origin, government), origin, government);
        for (var i = 0; i < line.Length; i++)
        {
            for (var j = i + 1; j < line.Length; j++)
            {
                yield return (HopId(line[i], line[j]), line[i], line[j]);
            }
        }
    }

    private static (string Id, ChainParty From, ChainParty To)? Candidate(ReportingChain chain, string id) =>
        Candidates(chain).Where(c => c.Id == id).Select(c => ((string, ChainParty, ChainParty)?)c).FirstOrDefault();

    private static ChainParty? Resolve(ReportingChain chain, ChainRole role) => role switch
    {
        ChainRole.Origin => chain.Bureaus[0],
        ChainRole.OriginGovernment => GovernmentOf(chain.Bureaus[0]),
        ChainRole.NextBureau => chain.Bureaus.Count > 1 ? chain.Bureaus[1] : MinistryParty,
        ChainRole.Province => chain.Bureaus.FirstOrDefault(b => b.Rank == ChainRank.Province),
        ChainRole.Ministry => MinistryParty,
        _ => StateCouncilParty,
    };

    private static DateTimeOffset? FirstReceipt(ReportingChain chain, string party) =>
        chain.Hops.Where(h => h.To.Key == party && h.ReceivedAt is not null).Select(h => h.ReceivedAt).Min();

    /// <summary>The level whose hops apply: the graded one, or the rule set's (II) while the level is unclear and sensitive (MEP Order 17 art. 4).</summary>
    private IncidentLevel ChainLevel() =>
        _rules.ReportingChain?.UnclearAndSensitiveAs is { } unclear && State.Grade!.Unclear && State.Facts.IsSensitive && !State.Grade.Level.IsAtLeast(unclear)
            ? unclear
            : State.Grade!.Level;

    private Message ChainLevelWhy(IncidentLevel level) => level == State.Grade!.Level
        ? IncidentTexts.WhyLevel.With(("level", Arg.Of(level)))
        : ChainTexts.WhyUnclearSensitive.With(("level", Arg.Of(level)), ("source", _rules.ReportingChain!.UnclearAndSensitiveSource ?? ""));

    private HopView ViewOf(Hop hop, DateTimeOffset now)
    {
        var obligation = hop.Required ? State.Obligations.FirstOrDefault(o => o.Id == hop.Id) : null;
        var past = obligation is not null && now > obligation.EffectiveDeadline;
        var status = hop switch
        {
            { Required: false } => hop.ReceivedAt is null ? HopStatus.Sent : HopStatus.Direct,
            { ReceivedAt: not null } => obligation?.LateBy is null ? HopStatus.Received : HopStatus.ReceivedLate,
            { SkippedBy: not null } => HopStatus.Skipped,
            { SentAt: not null } => past ? HopStatus.NotReceived : HopStatus.Sent,
            _ => past ? HopStatus.Overdue : HopStatus.Pending,
        };
        return new HopView
        {
            Id = hop.Id,
            From = hop.From,
            To = hop.To,
            FromName = NameOf(hop.From),
            ToName = NameOf(hop.To),
            Status = status,
            Required = hop.Required,
            Level = hop.Level,
            DueAt = obligation?.DueAt,
            DeadlineBasis = obligation?.DeadlineBasis,
            SentAt = hop.SentAt,
            SentBy = hop.SentBy,
            ReceivedAt = hop.ReceivedAt,
            ReceivedBy = hop.ReceivedBy,
            Medium = hop.Medium,
            WrittenAt = hop.WrittenAt,
            WrittenOwed = hop.WrittenOwed,
            SkippedBy = hop.SkippedBy,
            LateBy = obligation?.LateBy ?? (past && hop.ReceivedAt is null ? now - obligation!.EffectiveDeadline : null),
            Note = hop.Note,
        };
    }

    private static string HopId(ChainParty from, ChainParty to) => $"{HopPrefix}{from.Key}-{to.Key}";

    private static ChainParty PartyOf(Region region) => new()
    {
        Key = region.Code,
        Region = region.Name,
        Rank = region.Level switch
        {
            RegionLevel.Province => ChainRank.Province,
            RegionLevel.City => ChainRank.City,
            _ => ChainRank.County,
        },
    };

    private static ChainParty GovernmentOf(ChainParty bureau) => bureau with { Key = $"{bureau.Key}.gov", Rank = ChainRank.Government };

    private static Message NameOf(ChainParty party) => party.Rank switch
    {
        ChainRank.Ministry => ChainTexts.Ministry,
        ChainRank.StateCouncil => ChainTexts.StateCouncil,
        ChainRank.Government => ChainTexts.Government.With(("region", party.Region ?? party.Key)),
        _ => ChainTexts.Bureau.With(("region", party.Region ?? party.Key)),
    };

    private static Message HopName(ChainParty from, ChainParty to) => ChainTexts.Hop.With(("from", NameOf(from)), ("to", NameOf(to)));

    private static Message Listed(IEnumerable<Message> items) => items.Aggregate((first, next) => ChainTexts.List.With(("first", first), ("next", next)));

    /// <summary>A hop the rule set requires at the chain's level; <see cref="Start"/> is none while its sender has not received the report.</summary>
    private sealed record PlannedHop(string Id, ChainParty From, ChainParty To, ChainHopRule Rule, DateTimeOffset? Start, DateTimeOffset? Received);
}
