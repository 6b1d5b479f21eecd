using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>What a scenario file, an inject sent by hand and an offset are refused for, each at its place in the file.</summary>
public static class ScenarioTexts
{
    public static readonly MessageCode TooManyBytes = new("scenario.tooManyBytes", "bytes", "max");

    public static readonly MessageCode BodyTooLarge = new("scenario.bodyTooLarge", "max");

    public static readonly MessageCode NotUtf8 = new("scenario.notUtf8", "byte", "offset");

    public static readonly MessageCode NotAScenario = new("scenario.notAScenario");

    public static readonly MessageCode UnknownVersion = new("scenario.unknownVersion", "version", "known");

    public static readonly MessageCode NoInjects = new("scenario.noInjects");

    public static readonly MessageCode TooManyInjects = new("scenario.tooManyInjects", "count", "max");

    public static readonly MessageCode ExpectationsNotList = new("scenario.expectationsNotList");

    public static readonly MessageCode InjectAfterEnd = new("scenario.injectAfterEnd", "at", "end");

    public static readonly MessageCode ExpectationAfterEnd = new("scenario.expectationAfterEnd", "at", "end");

    public static readonly MessageCode IdTwice = new("scenario.idTwice", "id", "line");

    public static readonly MessageCode AfterUnknown = new("scenario.afterUnknown", "id");

    public static readonly MessageCode AfterCircle = new("scenario.afterCircle", "cycle");

    public static readonly MessageCode InjectTooLate = new("scenario.injectTooLate", "at", "longest");

    public static readonly MessageCode RepetitionTooLate = new("scenario.repetitionTooLate", "repeat", "at", "longest");

    public static readonly MessageCode TooManyScheduled = new("scenario.tooManyScheduled", "count", "max");

    public static readonly MessageCode ReportedTwice = new("scenario.reportedTwice", "incident", "line");

    public static readonly MessageCode KnownAfterCorrection = new("scenario.knownAfterCorrection", "known", "at");

    public static readonly MessageCode DiscoveredAfterReport = new("scenario.discoveredAfterReport", "discovered", "at");

    public static readonly MessageCode UnknownIncident = new("scenario.unknownIncident", "incident");

    public static readonly MessageCode BeforeReported = new("scenario.beforeReported", "at", "incident", "reported", "line");

    public static readonly MessageCode DraftedTwice = new("scenario.draftedTwice", "decision", "line");

    public static readonly MessageCode UnknownDecisionDraft = new("scenario.unknownDecisionDraft", "decision");

    public static readonly MessageCode BeforeDrafted = new("scenario.beforeDrafted", "at", "decision", "drafted", "line");

    public static readonly MessageCode UnknownDecision = new("scenario.unknownDecision", "decision");

    public static readonly MessageCode NoComplaintAbout = new("scenario.noComplaintAbout", "subject");

    public static readonly MessageCode ExpectationNotMap = new("scenario.expectationNotMap", "kinds");

    public static readonly MessageCode UnknownExpectation = new("scenario.unknownExpectation", "kind", "known");

    public static readonly MessageCode OneExpectationPerItem = new("scenario.oneExpectationPerItem");

    public static readonly MessageCode ExpectationNeedsKind = new("scenario.expectationNeedsKind", "kinds");

    public static readonly MessageCode ExpectationFields = new("scenario.expectationFields", "kind", "fields");

    public static readonly MessageCode WarningOneSubject = new("scenario.warningOneSubject");

    public static readonly MessageCode InjectNotMap = new("scenario.injectNotMap");

    public static readonly MessageCode InjectNeedsKind = new("scenario.injectNeedsKind", "kinds");

    public static readonly MessageCode UnknownInjectKind = new("scenario.unknownInjectKind", "kind", "known");

    public static readonly MessageCode AfterInManual = new("scenario.afterInManual");

    public static readonly MessageCode InjectNeedsAt = new("scenario.injectNeedsAt");

    public static readonly MessageCode RegionRequired = new("scenario.regionRequired");

    public static readonly MessageCode RepeatRange = new("scenario.repeatRange", "max");

    public static readonly MessageCode EveryRequired = new("scenario.everyRequired");

    public static readonly MessageCode EveryPositive = new("scenario.everyPositive");

    public static readonly MessageCode EveryWithoutRepeat = new("scenario.everyWithoutRepeat");

    public static readonly MessageCode WithNotMap = new("scenario.withNotMap", "move");

    public static readonly MessageCode WithDoesNotFit = new("scenario.withDoesNotFit", "move", "detail");

    public static readonly MessageCode SubjectRequired = new("scenario.subjectRequired");

    public static readonly MessageCode ConcernsShape = new("scenario.concernsShape");

    public static readonly MessageCode UnknownField = new("scenario.unknownField", "field", "what", "known");

    public static readonly MessageCode RequiredIn = new("scenario.requiredIn", "name", "what");

    public static readonly MessageCode Required = new("scenario.required", "name");

    public static readonly MessageCode MustBeText = new("scenario.mustBeText", "name");

    public static readonly MessageCode TextTooLong = new("scenario.textTooLong", "name", "length", "max");

    public static readonly MessageCode NotAName = new("scenario.notAName", "name");

    public static readonly MessageCode NotAnOffset = new("scenario.notAnOffset", "name");

    public static readonly MessageCode FieldProblem = new("scenario.fieldProblem", "name", "problem");

    public static readonly MessageCode RoleCannot = new("scenario.roleCannot", "role", "move", "allowed");

    public static readonly MessageCode StepIsReport = new("scenario.stepIsReport", "obligation");

    public static readonly MessageCode ReleaseByDocument = new("scenario.releaseByDocument");

    public static readonly MessageCode ActionOneOf = new("scenario.actionOneOf", "moves");

    public static readonly MessageCode OneOf = new("scenario.oneOf", "name", "allowed");

    public static readonly MessageCode FactsNotMap = new("scenario.factsNotMap", "known");

    public static readonly MessageCode UnknownFact = new("scenario.unknownFact", "fact", "known");

    public static readonly MessageCode FactProblem = new("scenario.factProblem", "fact", "problem");

    public static readonly MessageCode NotCount = new("scenario.notCount", "name");

    public static readonly MessageCode NotDate = new("scenario.notDate", "name");

    public static readonly MessageCode NotMoment = new("scenario.notMoment", "name");

    public static readonly MessageCode ObligationShape = new("scenario.obligationShape");

    public static readonly MessageCode RefusalCode = new("scenario.refusalCode", "codes");

    public static readonly MessageCode LevelShape = new("scenario.levelShape");

    public static readonly MessageCode OneDocument = new("scenario.yaml.oneDocument");

    public static readonly MessageCode NoAliases = new("scenario.yaml.noAliases", "alias");

    public static readonly MessageCode NoAnchors = new("scenario.yaml.noAnchors", "anchor");

    public static readonly MessageCode NoTags = new("scenario.yaml.noTags", "tag");

    public static readonly MessageCode TooManyValues = new("scenario.yaml.tooManyValues", "max");

    public static readonly MessageCode NotYaml = new("scenario.yaml.invalid", "detail");

    public static readonly MessageCode LoneSurrogate = new("scenario.yaml.loneSurrogate");

    public static readonly MessageCode NeverClosed = new("scenario.yaml.neverClosed");

    public static readonly MessageCode TooDeep = new("scenario.yaml.tooDeep", "max");

    public static readonly MessageCode KeyNotPlain = new("scenario.yaml.keyNotPlain");

    public static readonly MessageCode KeyTwice = new("scenario.yaml.keyTwice", "key");

    public static readonly MessageCode UnknownRuleSet = new("scenario.unknownRuleSet", "id", "known");

    public static readonly MessageCode NoRuleSetOn = new("scenario.noRuleSetOn", "date", "earliest", "latest");

    public static readonly MessageCode OtherRuleSet = new("scenario.otherRuleSet", "incident", "discovered", "inForce", "date", "named");

    public static readonly MessageCode BeforeNow = new("scenario.manual.beforeNow", "at", "now");

    public static readonly MessageCode AfterEnd = new("scenario.manual.afterEnd", "at", "end");

    public static readonly MessageCode RepeatByHand = new("scenario.manual.repeat");

    public static readonly MessageCode AlreadyInDrill = new("scenario.manual.incidentInDrill", "incident");

    public static readonly MessageCode IncidentNotYet = new("scenario.manual.incidentNotYet", "incident", "at");

    public static readonly MessageCode DecisionInDrill = new("scenario.manual.decisionInDrill", "decision");

    public static readonly MessageCode DecisionNotYet = new("scenario.manual.decisionNotYet", "decision", "at");

    public static readonly MessageCode OffsetNegative = new("scenario.offset.negative", "text");

    public static readonly MessageCode OffsetShape = new("scenario.offset.shape", "text");

    public static readonly MessageCode OffsetTooLong = new("scenario.offset.tooLong", "text", "longest");

    // Why the drill refused a scenario's inject when its moment came.
    public static readonly MessageCode DecisionAlreadyIn = new("scenario.run.decisionAlreadyIn", "decision");

    public static readonly MessageCode DecisionDraftRefused = new("scenario.run.decisionDraftRefused", "decision");

    public static readonly MessageCode IncidentAlreadyIn = new("scenario.run.incidentAlreadyIn", "incident");

    public static readonly MessageCode IncidentReportRefused = new("scenario.run.incidentReportRefused", "incident");

    public static readonly MessageCode NoWarningToEscalate = new("scenario.run.noWarningToEscalate", "subject", "at");

    /// <summary>An escalation whose incident the engine could not read back.</summary>
    public static readonly MessageCode EscalatedUnreadable = new("scenario.run.escalatedUnreadable", "incident");
}
