using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Domain.Rivers;

namespace Emergency.Domain.Incidents;

/// <summary>
/// A spill into a river and the warnings to those downstream (下游预警): the arrivals estimated from the river data
/// (docs/rivers.md), one warning obligation per intake operator and per jurisdiction the river enters, due a lead time
/// before the pollution arrives (or at once when less is left), and each new observation estimated again.
/// </summary>
public sealed partial class Incident
{
    private RiverCatalog _rivers = RiverCatalog.None;

    /// <summary>Hands the incident the deployment's rivers (config/rivers); without them every reach is unknown.</summary>
    public Incident WithRivers(RiverCatalog rivers)
    {
        _rivers = rivers;
        return this;
    }

    private static void DeclareDownstream(CaseProcedure<Incident, IncidentPhase, IncidentCommand> steps)
    {
        static bool Allowed(Incident i, MoveStep<IncidentCommand> m) => m.Command is DownstreamCommand river && i.WhyNotDownstream(river, m.Now) is null;

        steps.In(IncidentPhase.Open)
            .InternalIf<RecordSpill>(Allowed, static (i, c, a, now) => i.ApplySpill(c, a, now), "no spill recorded yet")
            .InternalIf<RiverObservation>(Allowed, static (i, c, a, now) => i.ApplyObservation(c, a, now), "a spill is recorded")
            .InternalIf<SendWarning>(Allowed, static (i, c, a, now) => i.ApplyWarning(c, a, now), "the warning is one of this incident's and not sent yet")
            .InternalIf<AcknowledgeWarning>(Allowed, static (i, c, a, now) => i.ApplyAcknowledgement(c, a, now),
                "the warning was sent, not acknowledged yet, and is acknowledged after it was sent");
    }

    private void CheckDownstream(Validator check, DownstreamCommand command, DateTimeOffset now)
    {
        switch (command)
        {
            case RecordSpill spill:
                check.Required("reach", spill.Reach)
                    .Required("pollutant", spill.Pollutant)
                    .NotInFuture("at", spill.At, now);
                if (check.Errors.Count == 0)
                {
                    Estimate(check, new RiverSpill
                    {
                        Reach = spill.Reach.Trim(), PositionKm = spill.PositionKm, At = spill.At, Pollutant = spill.Pollutant.Trim(), MassKg = spill.MassKg, ThresholdMgPerL = spill.ThresholdMgPerL,
                    }, []);
                }

                break;
            case RiverObservation observation:
                CheckObservation(check, observation, now);
                break;
            case SendWarning warning:
                check.Required("obligation", warning.Obligation)
                    .Required("to", warning.To)
                    .Defined("medium", warning.Medium)
                    .Optional("note", warning.Note)
                    .NotInFuture("at", warning.At, now)
                    .NotBefore("at", warning.At, State.DiscoveredAt, IncidentTexts.TheDiscovery);
                break;
            case AcknowledgeWarning acknowledgement:
                check.Required("obligation", acknowledgement.Obligation)
                    .Required("acknowledgedBy", acknowledgement.AcknowledgedBy)
                    .Optional("note", acknowledgement.Note)
                    .NotInFuture("at", acknowledgement.At, now)
                    .NotBefore("at", acknowledgement.At, State.DiscoveredAt, IncidentTexts.TheDiscovery);
                break;
        }
    }

    private void CheckObservation(Validator check, RiverObservation observation, DateTimeOffset now)
    {
        check.Optional("note", observation.Note).NotInFuture("at", observation.At, now);
        var velocities = observation.Velocities ?? [];
        if (velocities.Count == 0 && observation.Reach is null && observation.PositionKm is null && observation.MassKg is null && observation.ThresholdMgPerL is null)
        {
            check.Add("velocities", DownstreamTexts.NothingObserved);
        }

        for (var i = 0; i < velocities.Count; i++)
        {
            var velocity = velocities[i];
            if (string.IsNullOrWhiteSpace(velocity.Reach))
            {
                check.Add($"velocities[{i}].reach", CommonTexts.Required);
            }
            else if (_rivers.FindReach(velocity.Reach.Trim()) is not { } found)
            {
                check.Add($"velocities[{i}].reach", DownstreamTexts.UnknownReach.With(("reach", velocity.Reach)));
            }
            else if (State.Downstream is { } known && found.System.Id != known.RiverSystem && observation.Reach is null)
            {
                check.Add($"velocities[{i}].reach", DownstreamTexts.ReachOfAnotherRiver.With(("reach", velocity.Reach), ("river", known.RiverSystem)));
            }

            if (!double.IsFinite(velocity.MetresPerSecond) || velocity.MetresPerSecond <= 0)
            {
                check.Add($"velocities[{i}].metresPerSecond", DownstreamTexts.VelocityNotPositive.With(("velocity", DownstreamTexts.Figure(velocity.MetresPerSecond))));
            }
        }

        if (check.Errors.Count == 0 && State.Downstream is { } downstream)
        {
            Estimate(check, Observed(downstream.Spill, observation), Velocities(downstream.Velocities, observation, Actor.System, now));
        }
    }

    /// <summary>Estimates the arrivals, or adds the field the river data cannot answer for.</summary>
    private DownstreamEstimate? Estimate(Validator check, RiverSpill spill, IReadOnlyList<ObservedVelocity> velocities)
    {
        try
        {
            return DownstreamEstimator.Estimate(RiversWith(velocities), spill.ToSpill());
        }
        catch (RiverEstimateException refused)
        {
            check.Add(refused.Field, refused.Problem);
            return null;
        }
    }

    private RiverCatalog RiversWith(IReadOnlyList<ObservedVelocity> velocities) =>
        _rivers.WithVelocities(velocities.ToDictionary(
            v => v.Reach, v => new Sourced(v.MetresPerSecond, v.By, v.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal));

    private static RiverSpill Observed(RiverSpill spill, RiverObservation observation) => spill with
    {
        Reach = observation.Reach?.Trim() ?? spill.Reach,
        PositionKm = observation.PositionKm ?? spill.PositionKm,
        MassKg = observation.MassKg ?? spill.MassKg,
        ThresholdMgPerL = observation.ThresholdMgPerL ?? spill.ThresholdMgPerL,
    };

    /// <summary>The velocities observed so far with this observation's: a reach measured again keeps only its newest figure.</summary>
    private static List<ObservedVelocity> Velocities(IEnumerable<ObservedVelocity> known, RiverObservation observation, Actor actor, DateTimeOffset now)
    {
        var added = (observation.Velocities ?? []).Select(v => new ObservedVelocity(v.Reach.Trim(), v.MetresPerSecond, observation.At ?? now, actor.ToString())).ToList();
        return [.. known.Where(k => !added.Any(a => a.Reach == k.Reach)), .. added];
    }

    /// <summary>Why a move on the spill or its warnings is refused now, if it is.</summary>
    private Message? WhyNotDownstream(DownstreamCommand command, DateTimeOffset now)
    {
        var downstream = State.Downstream;
        switch (command)
        {
            case RecordSpill when downstream is not null:
                return DownstreamTexts.SpillAlreadyRecorded.With(("reach", downstream.Spill.Reach), ("at", downstream.Spill.At));
            case RecordSpill:
                return null;
            case RiverObservation when downstream is null:
                return DownstreamTexts.NoSpill;
            case RiverObservation:
                return null;
        }

        var id = command is SendWarning send ? send.Obligation : ((AcknowledgeWarning)command).Obligation;
        static bool IsWarning(Obligation o) => o.Kind is ObligationKind.WarnDownstream or ObligationKind.WarnNeighbour;
        var obligation = State.Obligations.FirstOrDefault(o => IsWarning(o) && o.Id == id?.Trim());
        if (obligation is null || WarningsFor(obligation) is not { } warnings)
        {
            return DownstreamTexts.UnknownWarning.With(("obligation", id ?? ""), ("known", Arg.Of(State.Obligations.Where(IsWarning).Select(o => Arg.Of(o.Id)))));
        }

        var party = PartyOf(obligation.Id);
        var sent = warnings.FirstOrDefault(w => w.Obligation == obligation.Id);
        return command switch
        {
            SendWarning when sent is not null => DownstreamTexts.AlreadySent.With(("party", party), ("at", sent.SentAt), ("to", sent.To)),
            SendWarning when obligation.IsCompleted => (obligation.Kind == ObligationKind.WarnNeighbour ? NeighbourTexts.NotNeeded : DownstreamTexts.NotNeeded).With(("party", party)),
            SendWarning => null,
            AcknowledgeWarning when sent is null => DownstreamTexts.NotSentYet.With(("party", party)),
            AcknowledgeWarning when sent.AcknowledgedAt is { } acknowledged => DownstreamTexts.AlreadyAcknowledged.With(("party", party), ("at", acknowledged), ("by", sent.AcknowledgedBy ?? "")),
            AcknowledgeWarning ack when (ack.At ?? now) < sent.SentAt => DownstreamTexts.AcknowledgedBeforeSent.With(("party", party), ("at", ack.At ?? now), ("sent", sent.SentAt)),
            _ => null,
        };
    }

    private void ApplySpill(RecordSpill command, Actor actor, DateTimeOffset now)
    {
        var spill = new RiverSpill
        {
            Reach = command.Reach.Trim(), PositionKm = command.PositionKm, At = command.At, Pollutant = command.Pollutant.Trim(), MassKg = command.MassKg, ThresholdMgPerL = command.ThresholdMgPerL,
        };

        // Checked before the machine was asked: the estimate can be made.
        var estimate = DownstreamEstimator.Estimate(_rivers, spill.ToSpill());
        State.Downstream = new DownstreamState { Spill = spill, RiverSystem = estimate.RiverSystem };
        ReleaseNeighbourWarnings(now);
        Append(now, now, actor, TimelineKind.FactsUpdated, DownstreamTexts.SpillRecorded.With(
            ("pollutant", spill.Pollutant), ("mass", DownstreamTexts.Figure(spill.MassKg)), ("reach", spill.Reach), ("km", DownstreamTexts.Figure(spill.PositionKm)),
            ("at", spill.At), ("points", estimate.Points.Count)));
        Reconcile(estimate, now, first: true);
    }

    private void ApplyObservation(RiverObservation command, Actor actor, DateTimeOffset now)
    {
        var downstream = State.Downstream!;
        var before = downstream.Spill;
        var spill = Observed(before, command);
        var velocities = Velocities(downstream.Velocities, command, actor, now);
        var changes = new List<Message>();
        foreach (var v in command.Velocities ?? [])
        {
            var was = RiversWith(downstream.Velocities).FindReach(v.Reach.Trim())?.Reach.VelocityIn(before.At.Month)?.Value;
            changes.Add(DownstreamTexts.VelocityObserved.With(
                ("reach", v.Reach.Trim()), ("from", was is { } w ? DownstreamTexts.Figure(w) : DownstreamTexts.NoFigure.With()), ("to", DownstreamTexts.Figure(v.MetresPerSecond))));
        }

        if (spill.Reach != before.Reach || spill.PositionKm != before.PositionKm)
        {
            changes.Add(DownstreamTexts.PositionObserved.With(
                ("fromReach", before.Reach), ("fromKm", DownstreamTexts.Figure(before.PositionKm)), ("toReach", spill.Reach), ("toKm", DownstreamTexts.Figure(spill.PositionKm))));
        }

        if (spill.MassKg != before.MassKg)
        {
            changes.Add(DownstreamTexts.MassObserved.With(("from", DownstreamTexts.Figure(before.MassKg)), ("to", DownstreamTexts.Figure(spill.MassKg))));
        }

        if (spill.ThresholdMgPerL != before.ThresholdMgPerL)
        {
            changes.Add(DownstreamTexts.ThresholdObserved.With(
                ("from", before.ThresholdMgPerL is { } t ? DownstreamTexts.Figure(t) : DownstreamTexts.NoFigure.With()), ("to", DownstreamTexts.Figure(spill.ThresholdMgPerL!.Value))));
        }

        var estimate = DownstreamEstimator.Estimate(RiversWith(velocities), spill.ToSpill());
        downstream.Spill = spill;
        downstream.Velocities = velocities;
        downstream.RiverSystem = estimate.RiverSystem;
        Append(command.At ?? now, now, actor, TimelineKind.FactsUpdated, WithNote(DownstreamTexts.Observation.With(("changes", Series(changes))), Words(command.Note)));
        Reconcile(estimate, now, first: false);
    }

    /// <summary>
    /// Brings the arrivals and the warnings in line with a new estimate: says which arrival moved and where, opens a
    /// warning for each new party, moves the deadlines of warnings not yet sent, and releases those the spill no
    /// longer reaches. Warnings already sent stay sent.
    /// </summary>
    private void Reconcile(DownstreamEstimate estimate, DateTimeOffset now, bool first)
    {
        var downstream = State.Downstream!;
        var before = downstream.Arrivals.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var arrivals = new List<DownstreamArrival>();
        var parties = new HashSet<string>(StringComparer.Ordinal);
        if (!estimate.ReachesAnIntake)
        {
            Append(now, now, Actor.System, TimelineKind.FactsUpdated, DownstreamTexts.NoIntakeDownstream.With(("reach", downstream.Spill.Reach), ("km", DownstreamTexts.Figure(downstream.Spill.PositionKm))));
        }

        foreach (var point in estimate.Points)
        {
            var arrival = ArrivalOf(point);
            arrival = arrival with { Parties = [.. arrival.Parties.Where(p => parties.Add(p.Obligation))] };
            arrivals.Add(arrival);
            if (before.Remove(arrival.Id, out var earlier) && earlier.StillDownstream)
            {
                if (earlier.WarnFrom != arrival.WarnFrom)
                {
                    Append(now, now, Actor.System, TimelineKind.FactsUpdated, DownstreamTexts.ArrivalMoved.With(("point", arrival.Name), ("from", earlier.WarnFrom), ("to", arrival.WarnFrom)));
                }
            }
            else
            {
                Append(now, now, Actor.System, TimelineKind.FactsUpdated, (first ? DownstreamTexts.ArrivalEstimated : DownstreamTexts.NowDownstream).With(
                    ("point", arrival.Name), ("kind", Arg.Of(arrival.Kind)), ("distance", DownstreamTexts.Figure(arrival.DistanceKm)), ("arrival", arrival.AdvectiveArrival), ("edge", Edge(arrival))));
            }

            foreach (var party in arrival.Parties)
            {
                SetWarningDeadline(arrival, party, now);
            }
        }

        foreach (var gone in before.Values)
        {
            arrivals.Add(gone with { StillDownstream = false });
            if (gone.StillDownstream)
            {
                Append(now, now, Actor.System, TimelineKind.FactsUpdated, DownstreamTexts.NoLongerDownstream.With(("point", gone.Name)));
                foreach (var party in gone.Parties.Where(p => !parties.Contains(p.Obligation)))
                {
                    ReleaseWarning(State.Obligations.First(o => o.Id == party.Obligation), party, gone, now);
                }
            }
        }

        downstream.Arrivals = arrivals;
    }

    /// <summary>
    /// The deadline to warn one party: a lead time before the pollution arrives, at once when less is left. A warning not
    /// yet sent moves with the arrival (but never later than a deadline already passed); a warning released because the
    /// spill no longer reached its point is open again when it does.
    /// </summary>
    private void SetWarningDeadline(DownstreamArrival arrival, WarnedParty party, DateTimeOffset now)
    {
        var rule = _rules.Deadlines.DownstreamWarning;
        var lead = arrival.Kind == DownstreamPointKind.Intake ? rule.IntakeLeadTime : rule.BoundaryLeadTime;
        var target = arrival.WarnFrom - lead;
        var existing = State.Obligations.FirstOrDefault(o => o.Id == party.Obligation);
        var atOnce = target < now;
        var due = !atOnce ? target : existing is { IsCompleted: false } open && open.DueAt < now ? open.DueAt : now;
        var basis = (atOnce ? DownstreamTexts.BasisAtOnce : DownstreamTexts.Basis).With(
            ("party", party.Name), ("point", arrival.Name), ("arrival", arrival.WarnFrom), ("lead", lead), ("basis", rule.Basis), ("source", rule.Source));
        if (existing is null)
        {
            State.Obligations.Add(new Obligation { Id = party.Obligation, Kind = ObligationKind.WarnDownstream, DueAt = due, DeadlineBasis = basis, OpenedAt = now });
            Append(now, now, Actor.System, TimelineKind.DeadlineSet, IncidentTexts.DeadlineSet.With(("obligation", Arg.Of(ObligationKind.WarnDownstream)), ("due", due), ("basis", basis)), party.Obligation);
            return;
        }

        if (existing.IsCompleted)
        {
            if (State.Downstream!.Warnings.Any(w => w.Obligation == existing.Id))
            {
                return;
            }

            existing.CompletedAt = null;
            existing.RecordedAt = null;
            existing.CompletedBy = null;
            existing.Note = null;
            Append(now, now, Actor.System, TimelineKind.ObligationReopened, DownstreamTexts.DownstreamAgain.With(("party", party.Name), ("point", arrival.Name)), existing.Id);
        }

        if (due == existing.DueAt)
        {
            return;
        }

        Append(now, now, Actor.System, TimelineKind.DeadlineChanged,
            IncidentTexts.DeadlineChanged.With(("obligation", Arg.Of(ObligationKind.WarnDownstream)), ("from", existing.DueAt), ("to", due), ("basis", basis)), existing.Id);
        existing.DueAt = due;
        existing.DeadlineBasis = basis;
    }

    /// <summary>
    /// Closes the warning of a party the spill no longer reaches, by the engine and without a warning: not a warning sent
    /// in time, so a deadline it had already missed still counts as missed.
    /// </summary>
    private void ReleaseWarning(Obligation obligation, WarnedParty party, DownstreamArrival gone, DateTimeOffset now)
    {
        if (!obligation.IsCompleted)
        {
            ReleaseUnsent(obligation, DownstreamTexts.NotNeededNote.With(("party", party.Name), ("point", gone.Name)), now);
        }
    }

    /// <summary>Completes a warning by the engine, never sent, with the reason in its note and on the timeline.</summary>
    private void ReleaseUnsent(Obligation obligation, Message note, DateTimeOffset now)
    {
        obligation.CompletedAt = now;
        obligation.RecordedAt = now;
        obligation.CompletedBy = Actor.System.ToString();
        obligation.Note = note;
        Append(now, now, Actor.System, TimelineKind.ObligationCompleted, note, obligation.Id);
    }

    private void ApplyWarning(SendWarning command, Actor actor, DateTimeOffset now)
    {
        var obligation = State.Obligations.First(o => o.Id == command.Obligation.Trim());
        var at = command.At ?? now;
        var to = command.To.Trim();
        WarningsFor(obligation)!.Add(new DownstreamWarning { Obligation = obligation.Id, To = to, Medium = command.Medium, SentAt = at, RecordedAt = now, SentBy = actor.ToString() });
        obligation.Notified = to;
        Complete(obligation, at, now, actor, WithNote(DownstreamTexts.Warned.With(("party", PartyOf(obligation.Id)), ("medium", Arg.Of(command.Medium))), Words(command.Note)));
    }

    private void ApplyAcknowledgement(AcknowledgeWarning command, Actor actor, DateTimeOffset now)
    {
        var warnings = WarningsFor(State.Obligations.First(o => o.Id == command.Obligation.Trim()))!;
        var index = warnings.FindIndex(w => w.Obligation == command.Obligation.Trim());
        var sent = warnings[index];
        var at = command.At ?? now;
        warnings[index] = sent with { AcknowledgedBy = command.AcknowledgedBy.Trim(), AcknowledgedAt = at };
        Append(at, now, actor, TimelineKind.WarningAcknowledged, WithNote(
            DownstreamTexts.Acknowledged.With(("party", PartyOf(sent.Obligation)), ("by", command.AcknowledgedBy.Trim()), ("sent", sent.SentAt)), Words(command.Note)), sent.Obligation);
    }

    /// <summary>The name of the party a warning obligation is for.</summary>
    private string PartyOf(string obligation) =>
        State.Downstream?.Arrivals.SelectMany(a => a.Parties).FirstOrDefault(p => p.Obligation == obligation)?.Name
        ?? State.Neighbours?.Areas.FirstOrDefault(a => a.Obligation() == obligation)?.Name
        ?? obligation;

    private static DownstreamArrival ArrivalOf(DownstreamPoint point)
    {
        var prefix = ObligationKind.WarnDownstream.Name();
        var (id, parties) = point.Kind switch
        {
            DownstreamPointKind.Intake => (point.Intake!.Id, new[] { new WarnedParty($"{prefix}-{point.Intake.Id}", point.Intake.Operator, point.Intake.Jurisdiction.Code) }),
            DownstreamPointKind.Boundary => (
                $"boundary-{point.From!.Code}-{string.Join('+', point.Into.Select(r => r.Code))}",
                point.Into.Select(r => new WarnedParty($"{prefix}-{r.Code}", r.Name, r.Code)).ToArray()),
            _ => ($"end-{point.Reaches[^1]}", []),
        };
        return new DownstreamArrival
        {
            Id = id,
            Kind = point.Kind,
            Name = point.Name,
            DistanceKm = point.DistanceKm,
            AdvectiveArrival = point.AdvectiveArrival,
            LeadingEdgeStatus = point.LeadingEdge.Status,
            LeadingEdge = point.LeadingEdge.At,
            PeakMgPerL = point.PeakMgPerL,
            Parties = parties,
        };
    }

    /// <summary>
    /// <paramref name="line"/> with where the warning owed by <paramref name="obligation"/> stands at <paramref name="now"/>
    /// (none without an obligation), <paramref name="sent"/> or not.
    /// </summary>
    private static TLine Warned<TLine>(TLine line, Obligation? obligation, DownstreamWarning? sent, DateTimeOffset now)
        where TLine : WarningLineView =>
        (TLine)((WarningLineView)line with
        {
            Warning = obligation is null ? WarningStatus.None : StatusOf(obligation, sent, now),
            WarnBy = obligation?.DueAt,
            WarnedAt = sent?.SentAt,
            WarnedTo = sent?.To,
            Medium = sent?.Medium,
            AcknowledgedAt = sent?.AcknowledgedAt,
            AcknowledgedBy = sent?.AcknowledgedBy,
        });

    /// <summary>Where a warning stands: acknowledged, sent, released unsent, or owed (overdue past its deadline).</summary>
    private static WarningStatus StatusOf(Obligation obligation, DownstreamWarning? sent, DateTimeOffset now) => sent switch
    {
        { AcknowledgedAt: not null } => WarningStatus.Acknowledged,
        not null => WarningStatus.Sent,
        null when obligation.IsCompleted => WarningStatus.NotNeeded,
        _ => obligation.StatusAt(now) == ObligationStatus.Overdue ? WarningStatus.Overdue : WarningStatus.Pending,
    };

    private static Message Edge(DownstreamArrival arrival) => arrival.LeadingEdge is { } edge
        ? DownstreamTexts.EdgeAt.With(("at", edge))
        : DownstreamTexts.EdgeNone.With(("status", Arg.Of(arrival.LeadingEdgeStatus)));

    /// <summary>The downstream section of the view: one line per point and party, counted down to <paramref name="now"/>.</summary>
    internal DownstreamView? DownstreamView(DateTimeOffset now)
    {
        if (State.Downstream is not { } downstream)
        {
            return null;
        }

        DownstreamPointView Line(DownstreamArrival a, WarnedParty? party)
        {
            var obligation = party is null ? null : State.Obligations.FirstOrDefault(o => o.Id == party.Obligation);
            var sent = party is null ? null : downstream.Warnings.FirstOrDefault(w => w.Obligation == party.Obligation);
            return Warned(new DownstreamPointView
            {
                Point = a.Id,
                Name = a.Name,
                Kind = a.Kind,
                Party = party?.Name,
                Jurisdiction = party?.Region,
                DistanceKm = a.DistanceKm,
                Arrival = a.AdvectiveArrival,
                LeadingEdgeStatus = a.LeadingEdgeStatus,
                LeadingEdge = a.LeadingEdge,
                PeakMgPerL = a.PeakMgPerL,
                Remaining = a.StillDownstream && a.WarnFrom > now ? a.WarnFrom - now : null,
                StillDownstream = a.StillDownstream,
                Obligation = party?.Obligation,
            }, obligation, sent, now);
        }

        return new DownstreamView
        {
            Spill = downstream.Spill,
            RiverSystem = downstream.RiverSystem,
            Velocities = [.. downstream.Velocities],
            ReachesAnIntake = downstream.Arrivals.Any(a => a.StillDownstream && a.Kind == DownstreamPointKind.Intake),
            Points = [.. downstream.Arrivals.SelectMany(a => a.Parties.Count == 0 ? [Line(a, null)] : a.Parties.Select(p => Line(a, p)))],
        };
    }
}
