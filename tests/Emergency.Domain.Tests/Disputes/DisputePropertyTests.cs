using CsCheck;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// Random command sequences (well formed and malformed, a clock that only moves forward, moves dated in the past,
/// random ticks) under each rule set never reach an invalid state: never closed with an open step, no step completed
/// twice, overdue never lost, versions monotonic, the timeline never shrinks or changes, refusals change nothing.
/// </summary>
public sealed class DisputePropertyTests
{
    private const int Sequences = 3_000;

    private static readonly Actor Officer = DisputeDrive.Officer;

    private static readonly string[] Secrets = ["张三", "13800138000", "11010519491231002X"];

    private static readonly Gen<StepKind> Kinds = Gen.Frequency(
        (16, Gen.Const(StepKind.AnyAllowedMove)),
        (3, Gen.Const(StepKind.Tick)),
        (3, Gen.Const(StepKind.Transfer)),
        (5, Gen.Const(StepKind.Accept)),
        (1, Gen.Const(StepKind.NotAccept)),
        (1, Gen.Const(StepKind.TransferOut)),
        (1, Gen.Const(StepKind.ReturnWrongAssignment)),
        (4, Gen.Const(StepKind.Assign)),
        (2, Gen.Const(StepKind.Extend)),
        (4, Gen.Const(StepKind.Handle)),
        (4, Gen.Const(StepKind.Reply)),
        (4, Gen.Const(StepKind.Satisfaction)),
        (3, Gen.Const(StepKind.RequestReview)),
        (3, Gen.Const(StepKind.AnswerReview)),
        (2, Gen.Const(StepKind.RequestSecondReview)),
        (2, Gen.Const(StepKind.AnswerSecondReview)),
        (1, Gen.Const(StepKind.Link)),
        (3, Gen.Const(StepKind.Close)));

    /// <summary>Minutes to move the clock: mostly hours, sometimes days, now and then past a whole limit.</summary>
    private static readonly Gen<int> Advance = Gen.Frequency(
        (2, Gen.Const(0)),
        (6, Gen.Int[1, 24 * 60]),
        (3, Gen.Int[24 * 60, 10 * 24 * 60]),
        (1, Gen.Int[10 * 24 * 60, 40 * 24 * 60]));

    private static readonly Gen<Step> AnyStep = Gen.Select(
        Kinds,
        Advance,
        Gen.Frequency((6, Gen.Const((int?)null)), (3, Gen.Int[0, 48 * 60].Select(i => (int?)i)), (1, Gen.Int[-60, -1].Select(i => (int?)i))),
        Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true))),
        Gen.Int[0, 99],
        (kind, advance, atBack, malformed, pick) => new Step(kind, advance, atBack, malformed, pick));

    private static readonly Gen<Scenario> AnyScenario = Gen.Select(
        Gen.Int[0, 3],
        Gen.Int[0, 3],
        Gen.Bool,
        Gen.Int[0, 24 * 60],
        AnyStep.Array[1, 60],
        (rules, channel, viaOffice, registerAfter, steps) => new Scenario(rules, (PetitionChannel)channel, viaOffice, registerAfter, steps));

    private enum StepKind
    {
        /// <summary>One of the moves the procedure allows now, picked at random: drives sequences deep.</summary>
        AnyAllowedMove,
        Tick,
        Transfer,
        Accept,
        NotAccept,
        TransferOut,
        ReturnWrongAssignment,
        Assign,
        Extend,
        Handle,
        Reply,
        Satisfaction,
        RequestReview,
        AnswerReview,
        RequestSecondReview,
        AnswerSecondReview,
        Link,
        Close,
    }

    [Fact]
    public void Random_command_sequences_never_reach_an_invalid_state() =>
        AnyScenario.Sample(Run, iter: Sequences, threads: 1, print: Describe);

    private static void Run(Scenario scenario)
    {
        var (catalog, received) = scenario.Rules switch
        {
            0 => (RealDisputeRules.Petitions, Moments.Received2013),
            1 => (RealDisputeRules.Henan, Moments.Received2013),
            2 => (RealDisputeRules.Petitions, Moments.Received2023),
            _ => (RealDisputeRules.Henan, Moments.Received2023),
        };
        var now = received.AddMinutes(scenario.RegisterAfterMinutes);
        var command = DisputeCmd.Register(received, scenario.Channel, scenario.ViaOffice ? ReceivedBy.PetitionOffice : ReceivedBy.Department);
        var (created, registered) = Dispute.Register("xf-prop", "live", command, Officer, catalog, now);
        registered.Accept();
        var dispute = created!;
        CommandsKept.CheckRegistered(dispute, command);
        var memory = new Memory();
        Check(dispute, now, memory);
        CheckDetached(dispute, now, registered);

        foreach (var step in scenario.Steps)
        {
            now = now.AddMinutes(step.AdvanceMinutes);
            dispute.Tick(now);
            foreach (var o in dispute.State.Obligations.Where(o => o.IsOpen && o.DueAt < now))
            {
                That(o.OverdueSince is not null, () => $"{o.Id} was due {o.DueAt:O}, is open at {now:O} and not overdue after Tick");
            }

            foreach (var w in dispute.State.Windows.Where(w => !w.IsUsed && !w.IsWaived && w.ClosesAt < now))
            {
                That(w.LapsedAt == w.ClosesAt, () => $"window {w.Id} ended {w.ClosesAt:O}, unused, not lapsed after Tick at {now:O}");
            }

            Check(dispute, now, memory);
            if (step.Kind == StepKind.Tick)
            {
                CheckDetached(dispute, now, decision: null);
                continue;
            }

            var before = Fingerprint(dispute.State);
            var version = dispute.State.Version;
            var entries = dispute.State.Timeline.Count;
            var phase = dispute.State.Phase;

            var decision = Apply(dispute, step, now);

            if (decision.IsAccepted)
            {
                That(dispute.State.Version == version + 1, () => $"{step.Kind} accepted moved the version {version} → {dispute.State.Version}");
                That(dispute.State.Timeline.Count > entries, () => $"{step.Kind} accepted without a timeline entry");
                if (step.Kind == StepKind.Close)
                {
                    That(phase != DisputePhase.Closed, () => "closed twice");
                }
            }
            else
            {
                That(!string.IsNullOrWhiteSpace(decision.Reason.En()), () => $"{step.Kind} refused without a reason");
                That(before == Fingerprint(dispute.State), () => $"{step.Kind} refused ({decision.Reason}) but changed the state");
                That(
                    decision.Outcome == DecisionOutcome.Invalid ? decision.Errors.Count > 0 : decision.AllowedMoves.SequenceEqual(dispute.AllowedMoves(now)),
                    () => $"{step.Kind} refused as {decision.Outcome} without errors or with the wrong allowed moves");
            }

            Check(dispute, now, memory);
            CheckDetached(dispute, now, decision);
        }
    }

    /// <summary>
    /// What the grain hands out by reference shares nothing mutable with the state: the view for a role that sees
    /// personal data and for one that does not, the summary, the public view and the decision.
    /// </summary>
    private static void CheckDetached(Dispute dispute, DateTimeOffset now, Decision? decision) =>
        Detachment.Check(
            dispute.State,
            ("view", dispute.View(now, includePersonalData: true)),
            ("redacted view", dispute.View(now, includePersonalData: false)),
            ("summary", dispute.Summary(now)),
            ("public view", dispute.PublicView(now)),
            ("decision", decision));

    private static Decision Apply(Dispute dispute, Step step, DateTimeOffset now)
    {
        DateTimeOffset? at = step.AtBackMinutes is { } back ? now.AddMinutes(-back) : null;
        var pick = step.Pick;
        if (step.Kind == StepKind.AnyAllowedMove)
        {
            var moves = dispute.AllowedMoves(now);
            if (moves.Count == 0)
            {
                return dispute.Judge(new ClosePetition(), Officer, now);
            }

            var kind = moves[pick % moves.Count] switch
            {
                "transfer" => StepKind.Transfer,
                "acceptance" => (pick % 3) switch { 0 => StepKind.Accept, 1 => StepKind.NotAccept, _ => StepKind.TransferOut },
                "return" => StepKind.ReturnWrongAssignment,
                "assign" => StepKind.Assign,
                "extension" => StepKind.Extend,
                "handling" => StepKind.Handle,
                "reply" => StepKind.Reply,
                "satisfaction" => StepKind.Satisfaction,
                "review" => StepKind.RequestReview,
                "review/answer" => StepKind.AnswerReview,
                "second-review" => StepKind.RequestSecondReview,
                "second-review/answer" => StepKind.AnswerSecondReview,
                "earlier-cases" => StepKind.Link,
                _ => StepKind.Close,
            };

            // A move the procedure allows, with arguments that fit: the assignment within the reply limit, no date in the past.
            return kind == StepKind.Assign
                ? dispute.Judge(DisputeCmd.Assign(now.Days(1 + (pick % 20))), Officer, now)
                : Apply(dispute, step with { Kind = kind, AtBackMinutes = null, Malformed = false, Pick = kind == StepKind.NotAccept ? pick - (pick % 5) : pick }, now);
        }

        return step.Kind switch
        {
            StepKind.Transfer => dispute.Judge(DisputeCmd.Transfer(at), Officer, now),
            StepKind.Accept => dispute.Judge(step.Malformed ? DisputeCmd.Accept(at) with { Outcome = (AcceptanceOutcome)7 } : DisputeCmd.Accept(at), Officer, now),
            StepKind.NotAccept => dispute.Judge(
                step.Malformed ? DisputeCmd.NotAccept() with { Reason = null } : DisputeCmd.NotAccept((NotAcceptedGround)(pick % 5), at), Officer, now),
            StepKind.TransferOut => dispute.Judge(step.Malformed ? DisputeCmd.TransferOut(at) with { TransferredTo = " " } : DisputeCmd.TransferOut(at), Officer, now),
            StepKind.ReturnWrongAssignment => dispute.Judge(step.Malformed ? DisputeCmd.WrongAssignment(at) with { Reason = "" } : DisputeCmd.WrongAssignment(at), Officer, now),
            StepKind.Assign => dispute.Judge(DisputeCmd.Assign(now.Days(step.Malformed ? -1 : 1 + (pick % 70)), at), Officer, now),
            StepKind.Extend => dispute.Judge(DisputeCmd.Extend(at ?? now, pick < 30 ? null : pick - 30 + (step.Malformed ? 100 : 0)), Officer, now),
            StepKind.Handle => dispute.Judge(DisputeCmd.Handle(at, pick % 3 == 0 ? null : (ViolationFinding)(pick % 2)), Officer, now),
            StepKind.Reply => dispute.Judge(step.Malformed ? DisputeCmd.Reply(at) with { Content = "" } : DisputeCmd.Reply(at), Officer, now),
            StepKind.Satisfaction => dispute.Judge(DisputeCmd.PetitionSatisfied((Satisfaction)(pick % (step.Malformed ? 7 : 3)), at), Officer, now),
            StepKind.RequestReview => dispute.Judge(DisputeCmd.Request(at), Officer, now),
            StepKind.AnswerReview => dispute.Judge(DisputeCmd.ReviewAnswer(at), Officer, now),
            StepKind.RequestSecondReview => dispute.Judge(DisputeCmd.SecondRequest(at), Officer, now),
            StepKind.AnswerSecondReview => dispute.Judge(DisputeCmd.SecondReviewAnswer(at), Officer, now),
            StepKind.Link => dispute.Judge(new LinkEarlierCases { CaseIds = step.Malformed ? ["xf-prop"] : [$"xf-earlier-{pick % 4}"] }, Officer, now),
            _ => dispute.Judge(new ClosePetition { Note = step.Malformed ? new string('n', 30_000) : null }, Officer, now),
        };
    }

    /// <summary>The invariants, as plain conditions: this runs tens of thousands of times.</summary>
    private static void Check(Dispute dispute, DateTimeOffset now, Memory memory)
    {
        var state = dispute.State;

        // versions only go up
        That(state.Version >= memory.Version, () => $"version went back {memory.Version} → {state.Version}");
        memory.Version = state.Version;

        // never closed with an open step
        if (state.Phase == DisputePhase.Closed)
        {
            That(state.Obligations.All(o => !o.IsOpen), () => $"closed with open obligations: {string.Join(", ", state.Obligations.Where(o => o.IsOpen).Select(o => o.Id))}");
            That(memory.ClosedAt is not null || state.Windows.All(w => !w.IsOpenAt(now)), () => "closed with an open window");
            memory.ClosedAt ??= now;
        }

        // the timeline never shrinks and never changes what it said
        That(state.Timeline.Count >= memory.Timeline.Count, () => $"timeline shrank {memory.Timeline.Count} → {state.Timeline.Count}");
        for (var i = 0; i < memory.Timeline.Count; i++)
        {
            That(ReferenceEquals(memory.Timeline[i], state.Timeline[i]) || memory.Timeline[i] == state.Timeline[i], () => $"timeline entry {i + 1} changed");
        }

        for (var i = memory.Timeline.Count; i < state.Timeline.Count; i++)
        {
            var entry = state.Timeline[i];
            That(entry.Seq == i + 1, () => $"entry {i + 1} has seq {entry.Seq}");
            That(!Secrets.Any(s => entry.Text.En().Contains(s, StringComparison.Ordinal) || entry.Text.Zh().Contains(s, StringComparison.Ordinal)), () => $"personal data in the timeline: {entry.Text.En()}");
            memory.Timeline.Add(entry);
        }

        // obligations and windows are never removed; ids unique
        That(state.Obligations.Count >= memory.Obligations.Count, () => "an obligation disappeared");
        That(state.Windows.Count >= memory.Windows, () => "a window disappeared");
        memory.Windows = state.Windows.Count;
        That(state.Obligations.Select(o => o.Id).Distinct().Count() == state.Obligations.Count, () => "two obligations share an id");
        That(state.Windows.Select(w => w.Id).Distinct().Count() == state.Windows.Count, () => "two windows share an id");

        foreach (var o in state.Obligations)
        {
            memory.Obligations.TryGetValue(o.Id, out var seen);

            // no step completed twice: a completion, once made, never moves, and is logged once
            if (seen.CompletedAt is { } done)
            {
                That(o.CompletedAt == done, () => $"{o.Id} completed at {done:O}, now {o.CompletedAt:O}");
            }

            That(state.Timeline.Count(e => e.Kind == DisputeTimelineKind.ObligationCompleted && e.Ref == o.Id) == (o.IsCompleted ? 1 : 0), () => $"{o.Id} has the wrong number of completion entries");
            That(!(o.IsCompleted && o.IsWithdrawn), () => $"{o.Id} both completed and withdrawn");

            // overdue is never lost, and lateness is measured against it
            if (seen.OverdueSince is { } overdue)
            {
                That(o.OverdueSince == overdue, () => $"{o.Id} overdue since {overdue:O}, now {o.OverdueSince:O}");
            }

            if (o.OverdueSince is { } since)
            {
                That(since <= now, () => $"{o.Id} overdue since {since:O}, after now {now:O}");
                That(o.LateBy is null || o.CompletedAt > since, () => $"{o.Id} late though completed before its deadline");
            }

            That(o.DueAt > o.OpenedAt || o.Kind == DisputeObligationKind.Handling, () => $"{o.Id} due {o.DueAt:O}, not after it opened {o.OpenedAt:O}");
            memory.Obligations[o.Id] = (o.CompletedAt, o.OverdueSince);
        }

        // the procedure matches its records
        That((state.Acceptance is null) == (state.Phase == DisputePhase.Registered || (state.Phase == DisputePhase.Returned) || (state.Phase == DisputePhase.Closed && state.Returned is not null)), () => $"acceptance {state.Acceptance?.Outcome} in phase {state.Phase}");
        That(state.Answers.Count(a => a.Stage == AnswerStage.Reply) <= 1, () => "two replies");
        That(state.Extensions.Count <= (dispute.Rules.Limits.Reply.Extension?.Times ?? 0), () => "more extensions than the rule allows");
        That(dispute.Rules.Limits.SecondReview is not null || state.ReviewRequests.All(r => r.Stage != AnswerStage.SecondReview), () => "a second review under a rule set without one");
        That(state.Satisfactions.GroupBy(s => s.Stage).All(g => g.Count() == 1), () => "satisfaction recorded twice for one answer");
    }

    private static string Describe(Scenario s) =>
        $"rules {s.Rules}, {s.Channel}, via office {s.ViaOffice}, registered {s.RegisterAfterMinutes} min after receipt\n"
        + string.Join("\n", s.Steps.Select((step, i) => $"  {i + 1}. +{step.AdvanceMinutes} min {step.Kind}{(step.AtBackMinutes is { } b ? $" at now-{b} min" : "")} pick {step.Pick}{(step.Malformed ? " MALFORMED" : "")}"));

    private static string Fingerprint(DisputeState state) => string.Join(
        "|",
        state.Version,
        state.Phase,
        state.Timeline.Count,
        state.Answers.Count,
        state.Satisfactions.Count,
        state.Extensions.Count,
        state.ReviewRequests.Count,
        state.EarlierCases.Count,
        state.TransferredAt?.UtcTicks,
        state.Acceptance?.Outcome,
        state.Assignment?.Deadline.UtcTicks,
        state.Handling?.At.UtcTicks,
        string.Join(";", state.Obligations.Select(o => $"{o.Id},{o.DueAt.UtcTicks},{o.OverdueSince?.UtcTicks},{o.CompletedAt?.UtcTicks},{o.WithdrawnAt?.UtcTicks},{o.Unit}")),
        string.Join(";", state.Windows.Select(w => $"{w.Id},{w.ClosesAt.UtcTicks},{w.UsedAt?.UtcTicks},{w.LapsedAt?.UtcTicks},{w.WaivedAt?.UtcTicks}")));

    private static void That(bool condition, Func<string> message)
    {
        if (!condition)
        {
            Assert.Fail(message());
        }
    }

    private sealed class Memory
    {
        public long Version { get; set; }

        public List<TimelineEntry<DisputeTimelineKind>> Timeline { get; } = [];

        public Dictionary<string, (DateTimeOffset? CompletedAt, DateTimeOffset? OverdueSince)> Obligations { get; } = [];

        public int Windows { get; set; }

        public DateTimeOffset? ClosedAt { get; set; }
    }

    private sealed record Step(StepKind Kind, int AdvanceMinutes, int? AtBackMinutes, bool Malformed, int Pick);

    private sealed record Scenario(int Rules, PetitionChannel Channel, bool ViaOffice, int RegisterAfterMinutes, Step[] Steps);
}
