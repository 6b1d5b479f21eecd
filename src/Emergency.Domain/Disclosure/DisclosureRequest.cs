using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Domain.Messages;
using Stateless.Graph;

namespace Emergency.Domain.Disclosure;

/// <summary>
/// One request for government information (依申请公开, 政府信息公开条例 2019): received → (correction requested →
/// received again) → accepted → (extended, third parties consulted) → answered with one of the kinds of art. 36 →
/// closed. The answer limit is an obligation on the working calendar, counted from the receipt of the request in force;
/// an extension needs the named head of the disclosure office, and the time of a consultation is not counted. The
/// procedure is a Stateless machine whose triggers are the moves; a refused move changes nothing.
/// </summary>
public sealed partial class DisclosureRequest : CalendarCase<DisclosureState, DisclosureRuleSet, DisclosureCommand>
{
    private readonly CaseMachine<Stage, DisclosureCommand> _machine;

    private DisclosureRequest(DisclosureState state, DisclosureRuleSet rules, WorkingCalendar calendar)
        : base(state, rules, calendar) => _machine = Configure();

    /// <summary>The machine alone, for its graph: nothing is judged on it, so it needs no rule set.</summary>
    private DisclosureRequest(DisclosureState state)
        : base(state, null, null) => _machine = Configure();

    /// <summary>The stored phases, and the group of phases in which the answer limit runs (never stored).</summary>
    private enum Stage
    {
        Received = (int)DisclosurePhase.Received,
        CorrectionRequested = (int)DisclosurePhase.CorrectionRequested,
        Accepted = (int)DisclosurePhase.Accepted,
        Answered = (int)DisclosurePhase.Answered,
        Closed = (int)DisclosurePhase.Closed,

        /// <summary>Received or accepted: the answer limit runs, may be extended, and consultations stop it.</summary>
        AnswerRunning = 100,
    }

    /// <summary>The consultation still waiting for its opinion, if any.</summary>
    public Consultation? OpenConsultation => State.Consultations.LastOrDefault(c => c.IsOpen);

    public static DisclosureRequest Load(DisclosureState state, DisclosureRuleCatalog catalog) => new(state, catalog.Get(state.RuleSetId), catalog.Calendar);

    /// <summary>Registers a request as received (收到申请): judged by the rule set in force at receipt; the answer limit starts.</summary>
    public static (DisclosureRequest? Request, Decision Decision) Register(
        string id, string scope, RegisterDisclosure command, Actor actor, DisclosureRuleCatalog catalog, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("channel", command.Channel)
            .NotInFuture("receivedAt", command.ReceivedAt, now)
            .Required("unit", command.Unit)
            .Required("description", command.Description, Validator.LongText)
            .Optional("form", command.Form, Validator.ShortText);
        CheckApplicant(check, command.Applicant);
        var rules = catalog.InForceAt(command.ReceivedAt);
        if (rules is null)
        {
            check.Add("receivedAt", DisclosureTexts.NoRuleSetInForce.With(("at", command.ReceivedAt), ("earliest", catalog.EarliestStart ?? catalog.All[0].EffectiveFrom)));
        }

        if (check.Errors.Count > 0 || rules is null)
        {
            return (null, Decision.Invalid(check.Errors));
        }

        var state = new DisclosureState
        {
            Id = id,
            Scope = scope,
            Phase = DisclosurePhase.Received,
            Channel = command.Channel,
            ReceivedAt = command.ReceivedAt,
            CountedFrom = command.ReceivedAt,
            RegisteredAt = now,
            RegisteredBy = actor.ToString(),
            RuleSetId = rules.Id,
            Unit = command.Unit.Trim(),
            Applicant = new Applicant
            {
                Name = Blank(command.Applicant.Name),
                Organisation = Blank(command.Applicant.Organisation),
                Contact = Blank(command.Applicant.Contact),
                IdNumber = Blank(command.Applicant.IdNumber)?.ToUpperInvariant(),
            },
            Description = command.Description,
            Form = Blank(command.Form),
        };
        var request = new DisclosureRequest(state, rules, catalog.Calendar);
        request._procedure.Append(command.ReceivedAt, now, actor, DisputeTimelineKind.Registered, DisclosureTexts.Registered.With(
            ("channel", Arg.Of(command.Channel)), ("at", command.ReceivedAt), ("receipt", rules.Receipt.For(command.Channel)), ("unit", state.Unit), ("ruleSet", rules.Id)));
        request.StartCounting(command.ReceivedAt, now);
        state.Version = 1;
        request._procedure.MarkDue(now);
        return (request, Decision.Accepted);
    }

    private protected override ICaseMachine<DisclosureCommand> Machine => _machine;

    /// <summary>The procedure as a Mermaid state diagram, for docs/machines/.</summary>
    public static string Graph() => MermaidGraph.Format(new DisclosureRequest(new DisclosureState())._machine.Machine.GetInfo());

    private CaseMachine<Stage, DisclosureCommand> Configure()
    {
        var m = new CaseMachine<Stage, DisclosureCommand>(() => (Stage)State.Phase, stage => State.Phase = (DisclosurePhase)stage);
        m.Machine.Configure(Stage.AnswerRunning)
            .InternalTransitionIf(m.On<ExtendDisclosure>(), m.Guard<ExtendDisclosure>(s => WhyNotExtend((s.Command as ExtendDisclosure)?.ApprovedAt ?? s.Now)),
                m.Effect<ExtendDisclosure>(Extend), "the head of the disclosure office consents, not used up, before the limit passes")
            .InternalTransitionIf(m.On<StartConsultation>(), m.Guard<StartConsultation>(_ => OpenConsultation is { } open ? DisclosureTexts.ConsultationOpen.With(("since", open.StartedAt)) : null),
                m.Effect<StartConsultation>(Consult), "no consultation waiting")
            .InternalTransitionIf(m.On<EndConsultation>(), m.Guard<EndConsultation>(_ => OpenConsultation is null ? (Message)DisclosureTexts.NoConsultation : null),
                m.Effect<EndConsultation>(EndConsult), "a consultation is waiting")
            .PermitIf(m.On<AnswerDisclosure>(), Stage.Answered,
                m.Guard<AnswerDisclosure>(_ => OpenConsultation is { } open ? DisclosureTexts.AnswerDuringConsultation.With(("since", open.StartedAt)) : null), "no consultation waiting");

        m.Machine.Configure(Stage.Received)
            .SubstateOf(Stage.AnswerRunning)
            .OnEntryFrom(m.On<ReceiveCorrection>(), m.Entry<ReceiveCorrection>(ReceiveCorrected), "corrected request received, the limit counted anew")
            .PermitIf(m.On<RequestCorrection>(), Stage.CorrectionRequested,
                m.Guard<RequestCorrection>(s => WhyNotCorrection((s.Command as RequestCorrection)?.At ?? s.Now)), "within 7 working days of receipt, no consultation waiting")
            .Permit(m.MoveOf<AcceptDisclosure>(), Stage.Accepted);

        m.Machine.Configure(Stage.CorrectionRequested)
            .OnEntryFrom(m.On<RequestCorrection>(), m.Entry<RequestCorrection>(AskCorrection), "the answer limit withdrawn, the applicant's period runs")
            .Permit(m.MoveOf<ReceiveCorrection>(), Stage.Received)
            .PermitIf(m.On<DeemAbandoned>(), Stage.Closed, m.Guard<DeemAbandoned>(s => WhyNotAbandoned(s.Now)), "the applicant's period has passed");

        m.Machine.Configure(Stage.Accepted)
            .SubstateOf(Stage.AnswerRunning)
            .OnEntryFrom(m.On<AcceptDisclosure>(), m.Entry<AcceptDisclosure>(Accept), "accepted");

        m.Machine.Configure(Stage.Answered)
            .OnEntryFrom(m.On<AnswerDisclosure>(), m.Entry<AnswerDisclosure>(Answer), "answer given, the limit met")
            .PermitIf(m.On<CloseDisclosure>(), Stage.Closed, m.Guard<CloseDisclosure>(s => Dispute.WhyNotClose(_procedure, State.Windows, s.Now)), "nothing open, no window running");

        m.Machine.Configure(Stage.Closed)
            .OnEntryFrom(m.On<CloseDisclosure>(), m.Entry<CloseDisclosure>(Close), "closed")
            .OnEntryFrom(m.On<DeemAbandoned>(), m.Entry<DeemAbandoned>(Abandon), "deemed abandoned");
        return m;
    }

    private protected override Validator Check(DisclosureCommand command, DateTimeOffset now)
    {
        var check = new Validator();
        switch (command)
        {
            case RequestCorrection correction:
                check.Required("items", correction.Items, Validator.LongText)
                    .NotInFuture("at", correction.At, now)
                    .NotBefore("at", correction.At, State.CountedFrom, DisputeTexts.EventTheReceipt);
                if (correction.WorkingDays is < 1 or > MaxCorrectionDays)
                {
                    check.Add("workingDays", DisclosureTexts.CorrectionDays.With(("max", MaxCorrectionDays)));
                }

                break;
            case ReceiveCorrection corrected:
                check.NotInFuture("receivedAt", corrected.ReceivedAt, now)
                    .NotBefore("receivedAt", corrected.ReceivedAt, State.Corrections.LastOrDefault()?.At ?? State.CountedFrom, DisclosureTexts.EventCorrectionRequest);
                break;
            case DeemAbandoned abandoned:
                check.Optional("note", abandoned.Note);
                break;
            case AcceptDisclosure accept:
                check.NotInFuture("at", accept.At, now).NotBefore("at", accept.At, State.CountedFrom, DisputeTexts.EventTheReceipt);
                break;
            case ExtendDisclosure extend:
                CheckExtension(check, extend, now);
                break;
            case StartConsultation consult:
                check.Defined("kind", consult.Kind)
                    .Required("party", consult.Party)
                    .NotInFuture("at", consult.At, now)
                    .NotBefore("at", consult.At, State.CountedFrom, DisputeTexts.EventTheReceipt);
                break;
            case EndConsultation end:
                check.Defined("outcome", end.Outcome)
                    .NotInFuture("at", end.At, now)
                    .NotBefore("at", end.At, OpenConsultation?.StartedAt ?? State.CountedFrom, DisclosureTexts.EventConsultation);
                break;
            case AnswerDisclosure answer:
                CheckAnswer(check, answer, now);
                break;
            case CloseDisclosure close:
                check.Optional("note", close.Note);
                break;
            default:
                check.Add(Moves.Discriminator, DisclosureTexts.NotAMove.With(("move", Moves.NameOf(command))));
                break;
        }

        return check;
    }

    private void CheckExtension(Validator check, ExtendDisclosure extend, DateTimeOffset now)
    {
        CaseChecks.ExtensionApproval(check, extend, now, State.CountedFrom, DisputeTexts.EventTheReceipt)
            .NotInFuture("applicantToldAt", extend.ApplicantToldAt, now)
            .NotBefore("applicantToldAt", extend.ApplicantToldAt, extend.ApprovedAt, DisclosureTexts.EventApproval);
        CaseChecks.ExtensionLength(check, extend, Rules.Limits.Answer.Extension, ExtensionsInForce.Sum(e => e.Approval.Length), Rules.Id);
    }

    private void CheckAnswer(Validator check, AnswerDisclosure answer, DateTimeOffset now)
    {
        check.Defined("kind", answer.Kind)
            .Required("content", answer.Content, Validator.LongText)
            .NotInFuture("at", answer.At, now)
            .NotBefore("at", answer.At, State.CountedFrom, DisputeTexts.EventTheReceipt);
        if (answer.Kind is AnswerKind.NotDisclosed or AnswerKind.PartlyDisclosed or AnswerKind.NotHeldHere or AnswerKind.OtherLaw)
        {
            check.Required("reason", answer.Reason, Validator.LongText);
        }
        else
        {
            check.Optional("reason", answer.Reason);
        }

        if (answer.Kind == AnswerKind.NotHeldHere)
        {
            check.Optional("otherBody", answer.OtherBody, Validator.ShortText);
        }
        else if (answer.OtherBody is not null)
        {
            check.Add("otherBody", DisclosureTexts.OtherBodyOnly);
        }
    }

    private static void CheckApplicant(Validator check, Applicant? applicant)
    {
        if (applicant is null)
        {
            check.Add("applicant", CommonTexts.Required);
            return;
        }

        check.Optional("applicant.name", applicant.Name, Validator.ShortText)
            .Optional("applicant.organisation", applicant.Organisation, Validator.ShortText)
            .Required("applicant.contact", applicant.Contact);
        if (string.IsNullOrWhiteSpace(applicant.Name) && string.IsNullOrWhiteSpace(applicant.Organisation))
        {
            check.Add("applicant.name", DisclosureTexts.NameOrOrganisation);
        }

        // Never echo the value: refusal messages reach logs.
        if (applicant.IdNumber is { } idNumber && !IdNumbers.IsValid(idNumber))
        {
            check.Add("applicant.idNumber", DisputeTexts.NotAnIdNumber);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
