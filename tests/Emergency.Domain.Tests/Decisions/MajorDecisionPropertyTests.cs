using CsCheck;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>
/// Random command sequences (moves the procedure offers, arbitrary and malformed commands, regional restrictions set
/// and lifted, a clock that only moves forward) never break the guards: nothing is implemented at high risk or under a
/// restriction in force, nothing is decided without both preliminary reviews, no comment period is shorter than the
/// minimum, versions only go up and the timeline never shrinks.
/// </summary>
public sealed class MajorDecisionPropertyTests
{
    private const int Sequences = 700;

    /// <summary>Arbitrary decisions lean to approving: those are the ones the guards exist for.</summary>
    private static readonly CollectiveDecisionOutcome[] ArbitraryOutcomes =
    [
        CollectiveDecisionOutcome.Implement, CollectiveDecisionOutcome.ImplementAfterMitigation, CollectiveDecisionOutcome.Implement,
        CollectiveDecisionOutcome.ImplementAfterMitigation, CollectiveDecisionOutcome.Postpone, CollectiveDecisionOutcome.DoNotImplement,
    ];

    private const string Region = "Handan";

    private static readonly Gen<StepKind> Kinds = Gen.Frequency(
        (16, Gen.Const(StepKind.AnyAllowed)),
        (2, Gen.Const(StepKind.Wait)),
        (1, Gen.Const(StepKind.Submit)),
        (1, Gen.Const(StepKind.Plan)),
        (1, Gen.Const(StepKind.OpenComment)),
        (2, Gen.Const(StepKind.CloseComment)),
        (1, Gen.Const(StepKind.RecordViews)),
        (1, Gen.Const(StepKind.AttachOpinion)),
        (1, Gen.Const(StepKind.FinishViews)),
        (1, Gen.Const(StepKind.Finding)),
        (2, Gen.Const(StepKind.Rate)),
        (1, Gen.Const(StepKind.Mitigate)),
        (2, Gen.Const(StepKind.Report)),
        (1, Gen.Const(StepKind.Review)),
        (4, Gen.Const(StepKind.Decide)),
        (1, Gen.Const(StepKind.Change)),
        (3, Gen.Const(StepKind.SetRestriction)),
        (2, Gen.Const(StepKind.LiftRestriction)));

    /// <summary>Minutes to move the clock: mostly short, sometimes days, sometimes a whole comment period.</summary>
    private static readonly Gen<int> Advance = Gen.Frequency(
        (6, Gen.Int[0, 180]),
        (3, Gen.Int[60, 4_320]),
        (2, Gen.Int[7_200, 50_400]));

    private static readonly Gen<Step> AnyStep = Gen.Select(
        Kinds, Advance, Gen.Int[0, 999], Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true))), Gen.Frequency((4, Gen.Const((int?)null)), (1, Gen.Int[0, 50_000].Select(i => (int?)i))),
        (kind, advance, pick, malformed, back) => new Step(kind, advance, pick, malformed, back));

    private static readonly Gen<Scenario> AnyScenario = Gen.Select(
        Gen.Bool, Gen.Bool, AnyStep.Array[1, 120],
        (local, investment, steps) => new Scenario(local, investment, steps));

    private enum StepKind
    {
        AnyAllowed,
        Wait,
        Submit,
        Plan,
        OpenComment,
        CloseComment,
        RecordViews,
        AttachOpinion,
        FinishViews,
        Finding,
        Rate,
        Mitigate,
        Report,
        Review,
        Decide,
        Change,
        SetRestriction,
        LiftRestriction,
    }

    /// <summary>
    /// The invariants hold after every step; the coverage at the end shows the walks reach every stage and meet the
    /// guards at the decision, not only the early ones.
    /// </summary>
    [Fact]
    public void Random_command_sequences_never_break_a_guard()
    {
        var coverage = new Coverage();
        AnyScenario.Sample(s => { Run(s, coverage); }, iter: Sequences, threads: 1, print: Describe);

        Assert.Equal(Enum.GetValues<MajorDecisionStage>(), coverage.Stages.Order());
        Assert.All(Coverage.Guards, g => Assert.True(coverage.GuardHits[g] > 0, $"no step met the guard '{g}'"));
    }

    private static string Describe(Scenario s) =>
        $"{(s.Local ? "2015 (local practice)" : "2026 (2019 regulation)")}, {(s.Investment ? "investment project" : "policy")}\n"
        + string.Join("\n", s.Steps.Select((step, i) => $"  {i + 1}. +{step.AdvanceMinutes} min {step.Kind} pick {step.Pick}{(step.Malformed ? " MALFORMED" : "")}{(step.BackMinutes is { } b ? $" at now-{b} min" : "")}"));

    private static MajorDecisionState Run(Scenario scenario, Coverage? coverage = null)
    {
        var now = scenario.Local ? new DateTimeOffset(2015, 3, 2, 8, 0, 0, MatterCase.China) : MatterCase.Start;
        var registry = new EnforcementRegistry(new EnforcementRegistryState());
        var kind = scenario.Investment ? MajorDecisionKind.InvestmentProject : MajorDecisionKind.Policy;
        var draft = DecisionCmd.Draft(kind, Region);
        var (drafted, decision) = MajorDecision.Draft("md-p", "live", draft, People.Maker, RealDecisionRules.Catalog, registry, now);
        decision.Accept();
        var matter = drafted!;
        CommandsKept.CheckRegistered(matter, draft);
        var state = matter.State;
        var track = new Track();
        CheckInvariants(matter, registry, track);
        CheckDetached(matter, registry, now, decision);

        for (var i = 0; i < scenario.Steps.Length; i++)
        {
            var step = scenario.Steps[i];
            now = now.AddMinutes(step.AdvanceMinutes);
            if (step.Kind is StepKind.Wait)
            {
                continue;
            }

            if (step.Kind is StepKind.SetRestriction or StepKind.LiftRestriction)
            {
                ChangeRestrictions(registry, step, i, now);
                CheckInvariants(matter, registry, track);
                CheckDetached(matter, registry, now, decision: null);
                continue;
            }

            // What fell due by now is marked first, as the grain's timer and every command do: only the move is compared.
            matter.Tick(now);
            var allowed = matter.AllowedMoves(now);
            var before = DecisionSnapshots.Of(state);
            var versionBefore = state.Version;
            var entries = state.Timeline.Count;

            var (move, result, statedAt) = Apply(matter, step, allowed, now);
            if (move is null)
            {
                continue;
            }

            if (result.IsAccepted)
            {
                That(state.Version == versionBefore + 1, () => $"{move} was accepted and moved the version from {versionBefore} to {state.Version}");
                That(state.Timeline.Count > entries, () => $"{move} was accepted without a timeline entry");
                // The allowed moves name each dimension by the rule set's word; a finding under another of its names is the same move.
                var named = move.StartsWith("recordFinding(", StringComparison.Ordinal) && matter.Rules?.DimensionFor(Enum.GetValues<AnalysisDimension>().Single(d => $"recordFinding({d.Name()})" == move)) is { } dimension
                    ? $"recordFinding({dimension.Name()})"
                    : move;
                That(allowed.Contains(named), () => $"{move} was accepted but not among the allowed moves [{string.Join(", ", allowed)}]");
            }
            else
            {
                coverage?.Refused(result.Reason.En());
                That(!string.IsNullOrWhiteSpace(result.Reason.En()), () => $"{move} was refused without a reason");
                That(before == DecisionSnapshots.Of(state), () => $"{move} was refused ({result.Reason}) but changed the state");
                if (result.Outcome == DecisionOutcome.Invalid)
                {
                    That(result.Errors.Count > 0, () => $"{move} was invalid without field errors");
                }
                else
                {
                    That(result.AllowedMoves.SequenceEqual(matter.AllowedMoves(now)), () => $"{move} was refused with the wrong allowed moves");
                    That(statedAt || !allowed.Contains(move), () => $"{move} was refused ({result.Reason}) though it was among the allowed moves");
                }
            }

            CheckInvariants(matter, registry, track);
            CheckDetached(matter, registry, now, result);
            coverage?.Stages.Add(state.Stage);
        }

        return state;
    }

    /// <summary>
    /// What the grain hands out by reference (the view, the summary, the decision) shares nothing mutable with the
    /// state, nor with the registry the matter reads the regional approval restrictions from.
    /// </summary>
    private static void CheckDetached(MajorDecision matter, EnforcementRegistry registry, DateTimeOffset now, Decision? decision)
    {
        (string, object?)[] handedOut = [("view", matter.View(now)), ("summary", matter.Summary(now)), ("decision", decision)];
        Detachment.Check(matter.State, handedOut);
        Detachment.Check("registry", registry.State, handedOut);
    }

    private static void ChangeRestrictions(EnforcementRegistry registry, Step step, int index, DateTimeOffset now)
    {
        if (step.Kind == StepKind.SetRestriction)
        {
            var region = step.Pick % 4 == 0 ? "Anyang" : Region;
            registry.SetRestriction($"rr-{index}", new SetRegionalRestriction { Region = region, Reason = "emission cap exceeded" }, People.Enforcer, now).Accept();
            return;
        }

        var standing = registry.State.Restrictions.Where(r => r.LiftedAt is null).ToList();
        if (standing.Count > 0)
        {
            registry.LiftRestriction(standing[step.Pick % standing.Count].Id, new LiftRegionalRestriction { Reason = "target met" }, People.Enforcer, now).Accept();
        }
    }

    /// <summary>Runs one step; returns the move in the words of <see cref="MajorDecision.AllowedMoves"/> and whether a time was stated.</summary>
    private static (string? Move, Decision Result, bool StatedAt) Apply(MajorDecision m, Step step, IReadOnlyList<string> allowed, DateTimeOffset now)
    {
        var pick = step.Pick;
        if (step.Kind == StepKind.AnyAllowed)
        {
            if (allowed.Count == 0)
            {
                return (null, Decision.Accepted, false);
            }

            // Mostly a move forward: a change to the proposal or more public opinion would keep a walk near the start.
            var forward = allowed.Where(a => a is not ("changeProposal" or "attachPublicOpinion")).ToList();
            var progress = forward.Where(a => !a.StartsWith("recordViews", StringComparison.Ordinal) && a != "recordMitigation").ToList();
            var pool = (pick % 16, progress.Count, forward.Count) switch
            {
                (0, _, _) => allowed,
                (< 6, _, > 0) => forward,
                (_, > 0, _) => progress,
                (_, _, > 0) => forward,
                _ => allowed,
            };
            // Often hold back a final decision, so that arbitrary decisions and restrictions meet a reviewed matter.
            if (pick % 4 != 0)
            {
                pool = [.. pool.Where(a => !a.StartsWith("takeCollectiveDecision", StringComparison.Ordinal) || a == "takeCollectiveDecision(postpone)")];
            }

            if (pool.Count == 0)
            {
                return (null, Decision.Accepted, false);
            }

            var move = pool[pick % pool.Count];
            return (move, Run(m, move, pick, malformed: false, back: null, now), false);
        }

        var arbitrary = step.Kind switch
        {
            StepKind.Submit => "submit",
            StepKind.Plan => "planAssessment",
            StepKind.OpenComment => "openPublicComment",
            StepKind.CloseComment => "closePublicComment",
            StepKind.RecordViews => $"recordViews({ViewMethods.All[pick % ViewMethods.All.Count].Name()})",
            StepKind.AttachOpinion => "attachPublicOpinion",
            StepKind.FinishViews => "finishHearingViews",
            StepKind.Finding => $"recordFinding({Enum.GetValues<AnalysisDimension>()[pick % 5].Name()})",
            StepKind.Rate => "rateRisk",
            StepKind.Mitigate => "recordMitigation",
            StepKind.Report => "writeReport",
            StepKind.Review => $"recordReview({ReviewOffices.All[pick % 2].Name()})",
            StepKind.Decide => $"takeCollectiveDecision({ArbitraryOutcomes[pick % ArbitraryOutcomes.Length].Name()})",
            _ => "changeProposal",
        };
        var stated = step.BackMinutes is not null && arbitrary is "openPublicComment" or "closePublicComment";
        return (arbitrary, Run(m, arbitrary, pick, step.Malformed, step.BackMinutes, now), stated);
    }

    private static Decision Run(MajorDecision m, string move, int pick, bool malformed, int? back, DateTimeOffset now)
    {
        var name = move.Split('(')[0];
        var argument = move.Contains('(', StringComparison.Ordinal) ? move[(name.Length + 1)..^1] : "";
        DateTimeOffset? at = back is { } b ? now.AddMinutes(-b) : null;
        var since = m.State.Round?.OpenedAt ?? now;
        switch (name)
        {
            case "submit":
                return m.Judge(new SubmitMajorDecision { Note = malformed ? new string('n', 30_000) : null }, People.Maker, now);
            case "planAssessment":
                var plan = DecisionCmd.Plan();
                return m.Judge(malformed ? plan with { Methods = pick % 2 == 0 ? [] : [ViewMethod.Visit] } : plan, People.Assessor, now);
            case "openPublicComment":
                return m.Judge(DecisionCmd.Open(at) with { Channel = malformed ? "" : "website" }, People.Assessor, now);
            case "closePublicComment":
                return m.Judge(DecisionCmd.Close(at, malformed ? -1 : pick), People.Assessor, now);
            case "recordViews":
                var method = ViewMethods.All.Single(v => v.Name() == argument);
                var from = since > now.AddDays(-2) ? since : now.AddDays(-2);
                return m.Judge(malformed ? DecisionCmd.Views(method, now, now.AddHours(1)) : DecisionCmd.Views(method, from, now, people: pick, opposed: pick / 3), People.Assessor, now);
            case "attachPublicOpinion":
                return m.Judge(DecisionCmd.Opinion(now.AddDays(-3), now, (PublicOpinionKind)(pick % 2), malformed ? 0 : 1 + pick), People.Assessor, now);
            case "finishHearingViews":
                return m.Judge(DecisionCmd.Finish(malformed ? new string('n', 30_000) : null), People.Assessor, now);
            case "recordFinding":
                var dimension = Enum.GetValues<AnalysisDimension>().Single(d => d.Name() == argument);
                return m.Judge(DecisionCmd.Finding(dimension) with { Findings = malformed ? " " : "found" }, People.Assessor, now);
            case "rateRisk":
                var level = RiskLevels.All[pick % 3];
                return m.Judge(malformed ? DecisionCmd.Rate(level) with { Reasons = [] } : DecisionCmd.Rate(level), People.Assessor, now);
            case "recordMitigation":
                return m.Judge(DecisionCmd.Mitigation() with { ResponsibleUnit = malformed ? "" : "county government" }, People.Assessor, now);
            case "writeReport":
                return m.Judge(DecisionCmd.Report() with { EmergencyPlan = malformed ? "" : "plan" }, People.Assessor, now);
            case "recordReview":
                var office = ReviewOffices.All.Single(o => o.Name() == argument);
                var verdict = pick % 7 == 0 ? ReviewVerdict.Returned : ReviewVerdict.Agreed;
                return m.Judge(DecisionCmd.Review(office, malformed ? (ReviewVerdict)9 : verdict), People.Legal, now);
            case "takeCollectiveDecision":
                var outcome = CollectiveDecisionOutcomes.All.Single(o => o.Name() == argument);
                return m.Judge(DecisionCmd.Decide(outcome, malformed ? null : "explained at village meetings"), People.Maker, now);
            default:
                return m.Judge(malformed ? DecisionCmd.Change(proposal: m.State.Proposal) : DecisionCmd.Change(proposal: $"variant {pick} of the proposal, changed at {now:O}"), People.Maker, now);
        }
    }

    /// <summary>The invariants, checked with plain conditions: this runs tens of thousands of times.</summary>
    private static void CheckInvariants(MajorDecision matter, EnforcementRegistry registry, Track track)
    {
        var state = matter.State;
        var rules = matter.Rules;

        foreach (var d in state.CollectiveDecisions)
        {
            if (d.Outcome.Approves())
            {
                That(d.RiskLevel != RiskLevel.High, () => $"decision #{d.Number} approved a high risk");
                var restricted = registry.State.Restrictions.Where(r => r.Covers(state.Region, registry.Regions) && r.InForceAt(d.At)).Select(r => r.Id).ToList();
                That(restricted.Count == 0, () => $"decision #{d.Number} approved at {d.At:O} under the restrictions {string.Join(", ", restricted)}");
                That(state.Kind != MajorDecisionKind.InvestmentProject || d.RiskLevel == RiskLevel.Low, () => $"investment project approved at {d.RiskLevel}");
                That(d.RiskLevel != RiskLevel.Medium || d.Outcome == CollectiveDecisionOutcome.ImplementAfterMitigation, () => "a medium risk implemented without its measures");
            }

            var round = state.Rounds[d.Round - 1];
            foreach (var office in ReviewOffices.All)
            {
                That(round.Reviews.Any(r => r.Office == office && r.ReportNumber == d.ReportNumber && r.Verdict == ReviewVerdict.Agreed && r.At <= d.At),
                    () => $"decision #{d.Number} taken without the agreement of {office} on report #{d.ReportNumber}");
            }

            That(round.Reports[d.ReportNumber - 1].RiskLevel == d.RiskLevel, () => $"decision #{d.Number} at {d.RiskLevel} on a report at {round.Reports[d.ReportNumber - 1].RiskLevel}");
        }

        foreach (var round in state.Rounds)
        {
            if (round.PublicComment is { } comment)
            {
                That(comment.MayCloseAt == comment.OpenedAt + rules!.PublicComment.MinimumPeriod, () => $"round {round.Number}: may close at {comment.MayCloseAt:O}, opened {comment.OpenedAt:O}");
                That(comment.ClosedAt is not { } closed || closed - comment.OpenedAt >= rules.PublicComment.MinimumPeriod,
                    () => $"round {round.Number}: comment period closed after {comment.ClosedAt - comment.OpenedAt}, less than {rules.PublicComment.MinimumPeriod}");
            }

            if (round.ViewsHeardAt is { } heard)
            {
                That(round.PublicComment?.ClosedAt <= heard, () => $"round {round.Number}: views heard at {heard:O} without a closed comment period");
            }

            foreach (var report in round.Reports.Where(r => r.RiskLevel == RiskLevel.Medium))
            {
                That(round.Ratings.Any(a => a.Level == RiskLevel.Medium && a.Number < report.RatingNumber
                        && round.Mitigation.Any(x => x.AfterRating >= a.Number && x.AfterRating < report.RatingNumber)),
                    () => $"round {round.Number}: report #{report.Number} at medium without measures and a re-rating");
            }

            That(round.Reports.All(r => r.MeasuresOnRecord > 0), () => $"round {round.Number}: a report without mitigation measures");
        }

        // The stage agrees with what the current round holds.
        var current = state.Round;
        switch (state.Stage)
        {
            case MajorDecisionStage.Decided:
                That(state.CollectiveDecisions[^1].Outcome != CollectiveDecisionOutcome.Postpone, () => "decided by a postponement");
                break;
            case MajorDecisionStage.Postponed:
                That(state.CollectiveDecisions[^1].Outcome == CollectiveDecisionOutcome.Postpone, () => "postponed without a postponement");
                break;
            case MajorDecisionStage.Reviewed:
                That(current!.BothOfficesAgreed, () => "reviewed without both offices agreeing");
                break;
            case MajorDecisionStage.Analysed or MajorDecisionStage.RiskRated or MajorDecisionStage.Reported:
                That(rules!.Dimensions.Keys.All(k => current!.Findings.Any(f => rules.DimensionFor(f.Dimension) == k)), () => $"{state.Stage} with a dimension not analysed");
                break;
            default:
                break;
        }

        That(!track.Decided || state.Stage == MajorDecisionStage.Decided, () => $"left Decided for {state.Stage}");
        track.Decided = state.Stage == MajorDecisionStage.Decided;

        // Closed rounds never change; rounds are only added.
        That(state.Rounds.Count >= track.ClosedRounds.Count, () => "a round disappeared");
        for (var i = 0; i < track.ClosedRounds.Count; i++)
        {
            var snapshot = track.ClosedRounds[i];
            That(DecisionSnapshots.Of(state.Rounds[i]) == snapshot, () => $"closed round {i + 1} changed");
        }

        foreach (var closed in state.Rounds.Skip(track.ClosedRounds.Count).TakeWhile(r => r.ClosedAt is not null))
        {
            track.ClosedRounds.Add(DecisionSnapshots.Of(closed));
        }

        // The timeline only grows, numbered 1..n, and old entries are never replaced.
        That(state.Timeline.Count >= track.Seen.Count, () => $"the timeline shrank from {track.Seen.Count} to {state.Timeline.Count}");
        for (var i = 0; i < state.Timeline.Count; i++)
        {
            var entry = state.Timeline[i];
            That(entry.Seq == i + 1, () => $"timeline entry {i} has Seq {entry.Seq}");
            if (i < track.Seen.Count)
            {
                That(ReferenceEquals(track.Seen[i], entry), () => $"timeline entry {i + 1} was replaced");
            }
        }

        track.Seen.AddRange(state.Timeline.Skip(track.Seen.Count));

        That(state.Version >= track.Version, () => $"version went from {track.Version} to {state.Version}");
        track.Version = state.Version;
    }

    private static void That(bool condition, Func<string> message)
    {
        if (!condition)
        {
            Assert.Fail(message());
        }
    }

    /// <summary>Which stages the walks reached and which guards refused something.</summary>
    private sealed class Coverage
    {
        public static readonly string[] Guards =
        [
            "the comment period cannot be cut short",
            "a high risk (高风险) cannot be implemented",
            "a high risk (高风险) stands until the proposal is redesigned",
            "a medium risk (中风险)",
            "cannot approve while the regional approval restriction",
            "explanation is required to approve at low risk",
        ];

        public HashSet<MajorDecisionStage> Stages { get; } = [];

        public Dictionary<string, int> GuardHits { get; } = Guards.ToDictionary(g => g, _ => 0);

        public void Refused(string? reason)
        {
            foreach (var guard in Guards.Where(g => reason?.Contains(g, StringComparison.Ordinal) == true))
            {
                GuardHits[guard]++;
            }
        }
    }

    private sealed class Track
    {
        public List<TimelineEntry<MajorDecisionTimelineKind>> Seen { get; } = [];

        public List<string> ClosedRounds { get; } = [];

        public long Version { get; set; }

        public bool Decided { get; set; }
    }

    private sealed record Step(StepKind Kind, int AdvanceMinutes, int Pick, bool Malformed, int? BackMinutes);

    private sealed record Scenario(bool Local, bool Investment, Step[] Steps);
}
