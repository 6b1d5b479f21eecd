using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Stateless;
using Stateless.Graph;

namespace Emergency.Domain.Decisions;

/// <summary>
/// The procedure of a major decision as a Stateless machine: its triggers are the moves' names, each carrying its
/// command; the effects are on the transitions; the moves allowed in many stages are declared once on a superstate;
/// and what is allowed now is read from the machine. docs/machines/decision.md is its graph.
/// </summary>
public sealed partial class MajorDecision : JudgedCase<MajorDecisionCommand>, ICase<MajorDecisionCommand>
{
    /// <summary>The guard of a move its stage always allows, named in the graph.</summary>
    private const string Always = "always";

    private readonly StateMachine<Phase, string> _machine;
    private readonly Dictionary<string, StateMachine<Phase, string>.TriggerWithParameters<MoveStep<MajorDecisionCommand>>> _triggers = [];

    /// <summary>The preconditions of the procedure by their guard's description: each says why it refuses, as a message whose code is the refusal's.</summary>
    private readonly Dictionary<string, Func<MoveStep<MajorDecisionCommand>, Message?>> _preconditions = [];

    /// <summary>
    /// The stages of <see cref="MajorDecisionStage"/> (same values) and the superstates that group them. A superstate
    /// is never a matter's stage and is never stored: it only declares once a move allowed in each of its stages.
    /// </summary>
    private enum Phase
    {
        Draft = MajorDecisionStage.Draft,
        Submitted = MajorDecisionStage.Submitted,
        AssessmentPlanned = MajorDecisionStage.AssessmentPlanned,
        HearingViews = MajorDecisionStage.HearingViews,
        ViewsHeard = MajorDecisionStage.ViewsHeard,
        Analysed = MajorDecisionStage.Analysed,
        RiskRated = MajorDecisionStage.RiskRated,
        Reported = MajorDecisionStage.Reported,
        Reviewed = MajorDecisionStage.Reviewed,
        Postponed = MajorDecisionStage.Postponed,
        Decided = MajorDecisionStage.Decided,

        /// <summary>Submitted and not decided yet: public opinion may be attached.</summary>
        Undecided = 100,

        /// <summary>No view heard on the proposal yet: a change to it needs no new round.</summary>
        NothingHeard,

        /// <summary>Views are heard on the proposal: a change to it reopens the assessment.</summary>
        ViewsOnRecord,
    }

    private protected override Validator Check(MajorDecisionCommand command, DateTimeOffset now)
    {
        var check = new Validator();
        command.Check(check, this, now);
        return check;
    }

    private protected override Message? Fire(MajorDecisionCommand command, Actor actor, DateTimeOffset now)
    {
        var step = new MoveStep<MajorDecisionCommand>(command, actor, now);
        if (!_triggers.TryGetValue(Moves.NameOf(command), out var trigger))
        {
            return DecisionTexts.OutOfOrder.With(("why", DecisionTexts.AlreadyDrafted.With(("at", State.DraftedAt))));
        }

        if (!_machine.CanFire(trigger, step, out var unmet))
        {
            return (unmet ?? []).Select(guard => _preconditions.TryGetValue(guard, out var precondition) ? precondition(step) : null).FirstOrDefault(r => r is not null)
                ?? WhyStageForbids(command);
        }

        _machine.Fire(trigger, step);
        return null;
    }

    private protected override void NextVersion() => State.Version++;

    /// <summary>The moves the procedure allows now, in the words of the API: a move whose answer depends on a choice names it ("recordReview(legalOffice)").</summary>
    public override IReadOnlyList<string> AllowedMoves(DateTimeOffset now) =>
        [.. Moves.Of<MajorDecisionCommand>().Where(m => !m.Creates)
            .SelectMany(m => Choices(m, (MajorDecisionCommand)Activator.CreateInstance(m.Type)!))
            .Where(c => _machine.CanFire(_triggers[Moves.NameOf(c.Command)], new MoveStep<MajorDecisionCommand>(c.Command, Actor.System, now)))
            .Select(c => c.Move)];

    /// <summary>The moves the machine permits now, by name: what <see cref="AllowedMoves"/> lists, without the choices.</summary>
    public IReadOnlyList<string> PermittedMoves(DateTimeOffset now) =>
        [.. _triggers.Where(t => _machine.CanFire(t.Value, new MoveStep<MajorDecisionCommand>(null, Actor.System, now))).Select(t => t.Key).Order(StringComparer.Ordinal)];

    /// <summary>The machine's graph (Mermaid), drawn from a machine on an empty state: configuring it reads no rule.</summary>
    public static string Graph() => MermaidGraph.Format(new MajorDecision(new MajorDecisionState(), null!, null!)._machine.GetInfo());

    private IEnumerable<(string Move, MajorDecisionCommand Command)> Choices(MoveInfo move, MajorDecisionCommand blank) => blank switch
    {
        RecordViews views => ViewMethods.All.Where(m => m != ViewMethod.PublicComment).Select(m => ($"{move.Name}({m.Name()})", (MajorDecisionCommand)(views with { Method = m }))),
        RecordFinding finding when Rules is { } rules => rules.Dimensions.Keys.Select(d => ($"{move.Name}({d.Name()})", (MajorDecisionCommand)(finding with { Dimension = d }))),
        RecordReview review => ReviewOffices.All.Select(o => ($"{move.Name}({o.Name()})", (MajorDecisionCommand)(review with { Office = o }))),
        TakeCollectiveDecision decision => CollectiveDecisionOutcomes.All.Select(o => ($"{move.Name}({o.Name()})", (MajorDecisionCommand)(decision with { Outcome = o }))),
        _ => [(move.Name, blank)],
    };

    private void Configure()
    {
        _triggers.Declare(_machine, Moves.Of<MajorDecisionCommand>().Where(m => !m.Creates));

        var submit = On<SubmitMajorDecision>();
        var plan = On<PlanAssessment>();
        var open = On<OpenPublicComment>();
        var close = On<ClosePublicComment>();
        var views = On<RecordViews>();
        var finish = On<FinishHearingViews>();
        var finding = On<RecordFinding>();
        var rate = On<RateRisk>();
        var mitigate = On<RecordMitigation>();
        var report = On<WriteReport>();
        var review = On<RecordReview>();
        var decide = On<TakeCollectiveDecision>();
        var opinion = On<AttachPublicOpinion>();
        var change = On<ChangeProposal>();

        var ruleSetInForce = Precondition("a rule set in force", s => _catalog.InForceAt(s.Now) is null ? NoRuleSetAt(s.Now) : null);
        var commentNotOpened = Precondition("comment not opened yet", _ => WhyNotOpenComment());
        var commentMayClose = Precondition("comment open and its minimum run", s => WhyNotCloseComment(Command<ClosePublicComment>(s)?.At ?? s.Now));
        var viewsHeard = Precondition("comment closed and every required method used", s => WhyNotFinishHearing(s.Now));
        var dimensionOpen = Precondition("dimension not analysed yet", s => Command<RecordFinding>(s) is { } f ? WhyNotFinding(f.On(Rules)) : null);
        var mayRate = Precondition("no high risk standing; a medium one mitigated", _ => WhyNotRate());
        var mayReport = Precondition("mitigated, and a medium risk rated again", _ => WhyNotReport());
        var officeToReview = Precondition("office has not reviewed this report", s => Command<RecordReview>(s) is { } r ? WhyNotReview(r.Office) : null);
        var mayDecide = Precondition("outcome allowed at the level, no restriction on approval", s => Command<TakeCollectiveDecision>(s) is { } d ? WhyNotDecide(d.Outcome, s.Now) : null);

        _machine.Configure(Phase.Draft)
            .PermitIf(submit, Phase.Submitted, ruleSetInForce.Met, ruleSetInForce.Description)
            .InternalTransitionIf(change, _ => true, (s, _) => Apply((ChangeProposal)s.Command!, s.Actor, s.Now, reopens: false), Always);

        _machine.Configure(Phase.Undecided)
            .InternalTransitionIf(opinion, _ => true, (s, _) => Apply((AttachPublicOpinion)s.Command!, s.Actor, s.Now), Always);

        _machine.Configure(Phase.NothingHeard)
            .SubstateOf(Phase.Undecided)
            .InternalTransitionIf(change, _ => true, (s, _) => Apply((ChangeProposal)s.Command!, s.Actor, s.Now, reopens: false), Always);

        _machine.Configure(Phase.ViewsOnRecord)
            .SubstateOf(Phase.Undecided)
            .Permit(change.Trigger, Phase.AssessmentPlanned);

        _machine.Configure(Phase.Submitted)
            .SubstateOf(Phase.NothingHeard)
            .OnEntryFrom(submit, s => Apply((SubmitMajorDecision)s.Command!, s.Actor, s.Now), "rule set fixed")
            .Permit(plan.Trigger, Phase.AssessmentPlanned);

        _machine.Configure(Phase.AssessmentPlanned)
            .SubstateOf(Phase.NothingHeard)
            .OnEntryFrom(plan, s => Apply((PlanAssessment)s.Command!, s.Actor, s.Now, revising: false), "round 1 planned")
            .OnEntryFrom(change, s => Apply((ChangeProposal)s.Command!, s.Actor, s.Now, reopens: true), "round closed, the next opened")
            .InternalTransitionIf(plan, _ => true, (s, _) => Apply((PlanAssessment)s.Command!, s.Actor, s.Now, revising: true), Always)
            .PermitIf(open, Phase.HearingViews, commentNotOpened.Met, commentNotOpened.Description)
            .Permit(views.Trigger, Phase.HearingViews);

        _machine.Configure(Phase.HearingViews)
            .SubstateOf(Phase.ViewsOnRecord)
            .OnEntryFrom(open, s => Apply((OpenPublicComment)s.Command!, s.Actor, s.Now), "comment period opened")
            .OnEntryFrom(views, s => Apply((RecordViews)s.Command!, s.Actor, s.Now), "views recorded")
            .InternalTransitionIf(open, commentNotOpened.Met, (s, _) => Apply((OpenPublicComment)s.Command!, s.Actor, s.Now), commentNotOpened.Description)
            .InternalTransitionIf(close, commentMayClose.Met, (s, _) => Apply((ClosePublicComment)s.Command!, s.Actor, s.Now), commentMayClose.Description)
            .InternalTransitionIf(views, _ => true, (s, _) => Apply((RecordViews)s.Command!, s.Actor, s.Now), Always)
            .PermitIf(finish, Phase.ViewsHeard, viewsHeard.Met, viewsHeard.Description);

        // The last dimension analysed moves the matter on; the others keep it analysing.
        _machine.Configure(Phase.ViewsHeard)
            .SubstateOf(Phase.ViewsOnRecord)
            .OnEntryFrom(finish, s => Apply((FinishHearingViews)s.Command!, s.Actor, s.Now), "views heard")
            .InternalTransitionIf(finding, s => dimensionOpen.Met(s) && !CompletesAnalysis(s), (s, _) => Apply((RecordFinding)s.Command!, s.Actor, s.Now), dimensionOpen.Description)
            .PermitIf(finding, Phase.Analysed, s => dimensionOpen.Met(s) && CompletesAnalysis(s), "the last dimension");

        _machine.Configure(Phase.Analysed)
            .SubstateOf(Phase.ViewsOnRecord)
            .OnEntryFrom(finding, s => Apply((RecordFinding)s.Command!, s.Actor, s.Now), "last finding recorded")
            .Permit(rate.Trigger, Phase.RiskRated);

        // A returned report comes back here: the assessors revise and report again.
        _machine.Configure(Phase.RiskRated)
            .SubstateOf(Phase.ViewsOnRecord)
            .OnEntryFrom(rate, s => Apply((RateRisk)s.Command!, s.Actor, s.Now), "risk rated")
            .OnEntryFrom(review, s => Apply((RecordReview)s.Command!, s.Actor, s.Now), "report returned")
            .InternalTransitionIf(rate, mayRate.Met, (s, _) => Apply((RateRisk)s.Command!, s.Actor, s.Now), mayRate.Description)
            .InternalTransitionIf(mitigate, _ => true, (s, _) => Apply((RecordMitigation)s.Command!, s.Actor, s.Now), Always)
            .PermitIf(report, Phase.Reported, mayReport.Met, mayReport.Description);

        // Both offices must agree to the same report; one that returns it sends it back to the assessors.
        _machine.Configure(Phase.Reported)
            .SubstateOf(Phase.ViewsOnRecord)
            .OnEntryFrom(report, s => Apply((WriteReport)s.Command!, s.Actor, s.Now), "report written")
            .PermitIf(review, Phase.RiskRated, s => officeToReview.Met(s) && Returns(s), "returned")
            .PermitIf(review, Phase.Reviewed, s => officeToReview.Met(s) && !Returns(s) && OtherOfficeAgreed(s), "agreed, as the other office did")
            .InternalTransitionIf(review, s => officeToReview.Met(s) && !Returns(s) && !OtherOfficeAgreed(s), (s, _) => Apply((RecordReview)s.Command!, s.Actor, s.Now), officeToReview.Description);

        _machine.Configure(Phase.Reviewed)
            .SubstateOf(Phase.ViewsOnRecord)
            .OnEntryFrom(review, s => Apply((RecordReview)s.Command!, s.Actor, s.Now), "both offices agreed")
            .PermitIf(decide, Phase.Postponed, s => mayDecide.Met(s) && Postpones(s), "postpone")
            .PermitIf(decide, Phase.Decided, s => mayDecide.Met(s) && !Postpones(s), mayDecide.Description);

        _machine.Configure(Phase.Postponed)
            .SubstateOf(Phase.ViewsOnRecord)
            .OnEntryFrom(decide, s => Apply((TakeCollectiveDecision)s.Command!, s.Actor, s.Now), "postponed")
            .PermitIf(decide, Phase.Decided, mayDecide.Met, mayDecide.Description);

        _machine.Configure(Phase.Decided)
            .OnEntryFrom(decide, s => Apply((TakeCollectiveDecision)s.Command!, s.Actor, s.Now), "decided");
    }

    private StateMachine<Phase, string>.TriggerWithParameters<MoveStep<MajorDecisionCommand>> On<TMove>()
        where TMove : MajorDecisionCommand => _triggers[Moves.Info(typeof(TMove)).Name];

    /// <summary>Declares a precondition once: the machine's guard is met when it has nothing to say, and its description names it in the graph.</summary>
    private Guard Precondition(string description, Func<MoveStep<MajorDecisionCommand>, Message?> why)
    {
        _preconditions[description] = why;
        return new Guard(s => why(s) is null, description);
    }

    /// <summary>The command of a step, or null when the step asks what the machine permits without one.</summary>
    private static TMove? Command<TMove>(MoveStep<MajorDecisionCommand> step)
        where TMove : MajorDecisionCommand => step.Command as TMove;

    private bool CompletesAnalysis(MoveStep<MajorDecisionCommand> step) =>
        Command<RecordFinding>(step) is { } finding && Rules is { } rules
        && rules.Dimensions.Keys.All(d => d == finding.On(rules) || WhyNotFinding(d) is not null);

    private static bool Returns(MoveStep<MajorDecisionCommand> step) => Command<RecordReview>(step)?.Verdict == ReviewVerdict.Returned;

    private bool OtherOfficeAgreed(MoveStep<MajorDecisionCommand> step) =>
        Command<RecordReview>(step) is { } review && ReviewOffices.All.Where(o => o != review.Office).All(o => State.Round!.ReviewBy(o)?.Verdict == ReviewVerdict.Agreed);

    private static bool Postpones(MoveStep<MajorDecisionCommand> step) => Command<TakeCollectiveDecision>(step)?.Outcome == CollectiveDecisionOutcome.Postpone;

    /// <summary>Why the matter's stage forbids a move: the refusal's code tells a late step from an early one.</summary>
    private Message WhyStageForbids(MajorDecisionCommand command)
    {
        var round = State.Round;
        var stage = State.Stage;
        var move = command.Doing(Rules);
        Message OutOfOrder(Message why) => DecisionTexts.OutOfOrder.With(("why", why));
        return (stage, command) switch
        {
            (MajorDecisionStage.Decided, _) => DecisionTexts.Decided.With(
                ("move", move), ("outcome", Arg.Of(State.CollectiveDecisions[^1].Outcome)), ("at", State.CollectiveDecisions[^1].At)),
            (_, SubmitMajorDecision) => DecisionTexts.AlreadySubmitted.With(("at", State.SubmittedAt!.Value)),
            (MajorDecisionStage.Draft, _) => OutOfOrder(DecisionTexts.IsDraft.With(("move", move))),
            (MajorDecisionStage.Submitted, _) => OutOfOrder(DecisionTexts.NotPlanned.With(("move", move))),
            (_, PlanAssessment) => OutOfOrder(DecisionTexts.PlanFixed),
            (MajorDecisionStage.AssessmentPlanned, ClosePublicComment) => OutOfOrder(DecisionTexts.CommentNotOpened),
            (MajorDecisionStage.AssessmentPlanned, FinishHearingViews) => OutOfOrder(DecisionTexts.NothingHeard),
            (_, OpenPublicComment or ClosePublicComment or RecordViews or FinishHearingViews)
                => OutOfOrder(DecisionTexts.HearingEnded.With(("move", move), ("at", round!.ViewsHeardAt!.Value))),
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews, RecordFinding) => OutOfOrder(DecisionTexts.AnalysisAfterViews),
            (_, RecordFinding) => OutOfOrder(DecisionTexts.AllAnalysed),
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews or MajorDecisionStage.ViewsHeard, RateRisk) => OutOfOrder(RateAfterAnalysis()),
            (_, RateRisk) => OutOfOrder(DecisionTexts.NoReRatingAfterReport.With(("report", round!.Report!.Number))),
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews or MajorDecisionStage.ViewsHeard or MajorDecisionStage.Analysed, RecordMitigation)
                => OutOfOrder(DecisionTexts.RateBeforeMitigation),
            (_, RecordMitigation) => OutOfOrder(DecisionTexts.NoMeasuresAfterReport.With(("report", round!.Report!.Number))),
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews or MajorDecisionStage.ViewsHeard or MajorDecisionStage.Analysed, WriteReport)
                => OutOfOrder(DecisionTexts.ReportNeedsRating),
            (_, WriteReport) => OutOfOrder(DecisionTexts.ReportAlreadyWritten.With(("report", round!.Report!.Number))),
            (MajorDecisionStage.Reviewed or MajorDecisionStage.Postponed, RecordReview) => OutOfOrder(DecisionTexts.BothAgreed.With(("report", round!.Report!.Number))),
            (MajorDecisionStage.RiskRated, RecordReview) when round!.Report is { } returned
                => OutOfOrder(DecisionTexts.ReportWasReturned.With(("report", returned.Number))),
            (_, RecordReview) => OutOfOrder(DecisionTexts.NoReportToReview),
            (MajorDecisionStage.Reported, TakeCollectiveDecision) => DecisionTexts.ReviewsPending.With(
                ("offices", Terms(ReviewOffices.All.Where(o => round!.ReviewBy(o)?.Verdict != ReviewVerdict.Agreed)))),
            (_, TakeCollectiveDecision) => OutOfOrder(DecisionTexts.DecisionAfterReviews),
            _ => OutOfOrder(DecisionTexts.WrongStage.With(("move", move), ("stage", Arg.Of(stage)))),
        };
    }

    /// <summary>A guard of the machine and the description the graph shows for it.</summary>
    private sealed record Guard(Func<MoveStep<MajorDecisionCommand>, bool> Met, string Description);
}
