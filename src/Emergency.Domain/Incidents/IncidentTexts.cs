using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// What an incident says to a duty officer: its timeline, the bases of its deadlines, its grade and the reasons it
/// refuses a move. Obligations, levels, phases, report kinds and the kinds of untrue reporting are terms of their enums.
/// </summary>
public static class IncidentTexts
{
    /// <summary>An obligation named on its own (a title in a view).</summary>
    public static readonly MessageCode Obligation = new("incident.obligation", "obligation");

    // Registration (接报).
    public static readonly MessageCode Registered = new("incident.registered", "channel", "discovered", "region", "ruleSet");

    /// <summary>A drill's what-if: judged by another rule set than the one in force at discovery.</summary>
    public static readonly MessageCode RegisteredWhatIf = new("incident.registeredWhatIf", "channel", "discovered", "region", "ruleSet", "inForce");

    /// <summary>No rule set was in force at discovery, said where a rule set's id would stand.</summary>
    public static readonly MessageCode NoRuleSet = new("incident.noRuleSet");

    public static readonly MessageCode UnknownRuleSet = new("incident.unknownRuleSet", "id", "known");

    public static readonly MessageCode NoRuleSetInForce = new("incident.noRuleSetInForce", "discovered", "earliest");

    public static readonly MessageCode LiveWorkJudgedInForce = new("incident.liveWorkJudgedInForce");

    // Grading (分级).
    public static readonly MessageCode Grade = new("incident.grade", "level", "lead", "reasons");

    public static readonly MessageCode GradeUnclear = new("incident.gradeUnclear", "level", "lead", "reasons");

    public static readonly MessageCode Regraded = new("incident.regraded", "before", "grade");

    public static readonly MessageCode RegradedFromUnclear = new("incident.regradedFromUnclear", "before", "grade");

    /// <summary>A counted criterion met: "II: people evacuated 12,000 ≥ 10,000".</summary>
    public static readonly MessageCode ReasonCount = new("incident.reason.count", "level", "label", "value", "min");

    /// <summary>A scale or yes/no criterion met, in the rule set's words.</summary>
    public static readonly MessageCode ReasonRule = new("incident.reason.rule", "level", "reason");

    public static readonly MessageCode ReasonRuleDetail = new("incident.reason.ruleDetail", "level", "reason", "detail");

    public static readonly MessageCode ReasonNone = new("incident.reason.none", "level");

    /// <summary>An interruption of an intake must say which intake (取水中断); the old field carried only a scale.</summary>
    public static readonly MessageCode NameTheIntakeNotLegacy = new("incident.nameTheIntakeNotLegacy", "legacy");

    public static readonly MessageCode IntakeNamed = new("incident.intakeNamed", "intake");

    public static readonly MessageCode IntakeNotNamedBefore = new("incident.intakeNotNamedBefore");

    // Deadlines and their bases.
    public static readonly MessageCode DeadlineSet = new("incident.deadlineSet", "obligation", "due", "basis");

    public static readonly MessageCode LevelChangeDeadlineSet = new("incident.levelChangeDeadlineSet", "obligation", "level", "due", "basis");

    public static readonly MessageCode DeadlineChanged = new("incident.deadlineChanged", "obligation", "from", "to", "basis");

    public static readonly MessageCode Overdue = new("incident.overdue", "obligation", "due");

    public static readonly MessageCode WhyLevel = new("incident.why.level", "level");

    public static readonly MessageCode WhySensitive = new("incident.why.sensitive");

    public static readonly MessageCode WhyUnclearSensitive = new("incident.why.unclearSensitive");

    /// <summary>"level III: 4 h from discovery; statute; MEP Order 17 ..." — the basis and source are the rule set's words.</summary>
    public static readonly MessageCode BasisFromDiscovery = new("incident.basis.fromDiscovery", "why", "window", "basis", "source");

    public static readonly MessageCode BasisFromRegrade = new("incident.basis.fromRegrade", "why", "window", "basis", "source");

    public static readonly MessageCode BasisNeighboursFromDiscovery = new("incident.basis.neighboursFromDiscovery", "why", "window", "cause", "basis", "source");

    public static readonly MessageCode BasisNeighboursFromFacts = new("incident.basis.neighboursFromFacts", "why", "window", "cause", "basis", "source");

    // Why neighbouring areas are to be told (通报相邻区域).
    public static readonly MessageCode NeighboursCountyDispute = new("incident.neighbours.countyDispute");

    public static readonly MessageCode NeighboursCrossCity = new("incident.neighbours.crossCity");

    public static readonly MessageCode NeighboursCrossProvince = new("incident.neighbours.crossProvince");

    public static readonly MessageCode NeighboursCrossBorder = new("incident.neighbours.crossBorder");

    public static readonly MessageCode NeighboursMayCrossProvince = new("incident.neighbours.mayCrossProvince");

    // Facts, reports, completions, closing.
    public static readonly MessageCode FactsUpdated = new("incident.factsUpdated", "changes");

    public static readonly MessageCode FactsUpdatedWithNote = new("incident.factsUpdatedWithNote", "changes", "note");

    /// <summary>Two items of a series, as a semicolon joins them ("evacuated 20,000 → unknown; heavyMetals yes → no").</summary>
    public static readonly MessageCode AndThen = new("incident.andThen", "first", "next");

    public static readonly MessageCode FactsUnchanged = new("incident.factsUnchanged");

    public static readonly MessageCode FactChange = new("incident.factChange", "fact", "before", "after");

    public static readonly MessageCode FactUnknown = new("incident.fact.unknown");

    public static readonly MessageCode FactYes = new("incident.fact.yes");

    public static readonly MessageCode FactNo = new("incident.fact.no");

    public static readonly MessageCode FactNone = new("incident.fact.none");

    public static readonly MessageCode FactIntake = new("incident.fact.intake", "scale", "intake");

    public static readonly MessageCode FactIntakeNotNamed = new("incident.fact.intakeNotNamed", "scale");

    // Why a fact of a patch cannot be read.
    public static readonly MessageCode FactNotFlag = new("incident.fact.notFlag");

    public static readonly MessageCode FactNotCount = new("incident.fact.notCount");

    public static readonly MessageCode FactNotMoney = new("incident.fact.notMoney");

    public static readonly MessageCode FactNotScale = new("incident.fact.notScale", "allowed");

    public static readonly MessageCode FactLegacyIntake = new("incident.fact.legacyIntake", "allowed", "field");

    public static readonly MessageCode FactIntakeShape = new("incident.fact.intakeShape");

    public static readonly MessageCode FactIntakeScale = new("incident.fact.intakeScale", "allowed");

    /// <summary>Why an interruption without its intake is refused: the name is the guard against entering a supply cut.</summary>
    public static readonly MessageCode FactNameTheIntake = new("incident.fact.nameTheIntake");

    public static readonly MessageCode FactUnreadable = new("incident.fact.unreadable");

    public static readonly MessageCode FactNotAFact = new("incident.fact.notAFact", "known");

    public static readonly MessageCode FactNamedTwice = new("incident.fact.namedTwice", "field");

    public static readonly MessageCode ReportFiled = new("incident.reportFiled", "report", "number", "level", "medium", "signedOffBy", "contact");

    /// <summary>The report that completed an obligation, as the obligation's note.</summary>
    public static readonly MessageCode ByReportNumber = new("incident.byReportNumber", "report", "number");

    public static readonly MessageCode CompletedOnTime = new("incident.completedOnTime", "obligation", "due");

    public static readonly MessageCode CompletedLate = new("incident.completedLate", "obligation", "late", "due");

    /// <summary>A sentence followed by when it was recorded, when that was more than a minute after it happened.</summary>
    public static readonly MessageCode RecordedLater = new("incident.recordedLater", "text", "delay");

    public static readonly MessageCode WithNotified = new("incident.withNotified", "text", "notified");

    /// <summary>A sentence followed by the note of the person who recorded it.</summary>
    public static readonly MessageCode WithNote = new("incident.withNote", "text", "note");

    public static readonly MessageCode Closed = new("incident.closed");

    // Corrections (谎报, 瞒报, 漏报).
    public static readonly MessageCode CorrectionRecorded = new("incident.correctionRecorded", "kind", "number", "concerns", "concernsAt", "declared", "actual", "knownAt");

    public static readonly MessageCode Reopened = new("incident.reopened", "obligation", "completedAt", "correction", "due");

    public static readonly MessageCode CorrectionSubject = new("incident.correctionSubject", "concerns", "at");

    public static readonly MessageCode ConcernsShape = new("incident.concerns.shape");

    public static readonly MessageCode ConcernsNoReport = new("incident.concerns.noReport", "number");

    public static readonly MessageCode ConcernsReportOutOfRange = new("incident.concerns.reportOutOfRange", "number", "count");

    public static readonly MessageCode ConcernsDoneByReport = new("incident.concerns.doneByReport", "concerns");

    public static readonly MessageCode ConcernsNotCompleted = new("incident.concerns.notCompleted", "concerns");

    // Refusals: the procedure does not allow the move now.
    public static readonly MessageCode AlreadyRegistered = new("incident.refused.alreadyRegistered");

    public static readonly MessageCode RefusedClosed = new("incident.refused.closed", "move");

    public static readonly MessageCode RefusedInPhase = new("incident.refused.inPhase", "move", "phase");

    public static readonly MessageCode FollowUpNeedsInitial = new("incident.refused.followUpNeedsInitial");

    public static readonly MessageCode FinalNeedsInitial = new("incident.refused.finalNeedsInitial");

    public static readonly MessageCode InitialAlreadyFiled = new("incident.refused.initialAlreadyFiled");

    public static readonly MessageCode FinalAlreadyFiled = new("incident.refused.finalAlreadyFiled", "move");

    public static readonly MessageCode CloseBeforeFinal = new("incident.refused.closeBeforeFinal");

    public static readonly MessageCode StillOpen = new("incident.refused.stillOpen", "obligations");

    public static readonly MessageCode FactsAfterFinal = new("incident.refused.factsAfterFinal");

    public static readonly MessageCode DoneByReport = new("incident.refused.doneByReport", "obligation");

    public static readonly MessageCode NoNeighbourObligation = new("incident.refused.noNeighbourObligation", "obligation");

    public static readonly MessageCode AlreadyCompleted = new("incident.refused.alreadyCompleted", "obligation", "at", "by");

    public static readonly MessageCode NeedsScene = new("incident.refused.needsScene", "obligation");

    public static readonly MessageCode BeforeScene = new("incident.refused.beforeScene", "obligation", "at", "scene");

    public static readonly MessageCode ReportBeforeInitial = new("incident.refused.reportBeforeInitial", "report", "at", "initial");

    // The moves, as a refusal names them.
    public static readonly MessageCode MoveUpdateFacts = new("incident.move.updateFacts");

    public static readonly MessageCode MoveComplete = new("incident.move.complete", "obligation");

    public static readonly MessageCode MoveFileReport = new("incident.move.fileReport", "report");

    public static readonly MessageCode MoveCorrect = new("incident.move.correct");

    public static readonly MessageCode MoveClose = new("incident.move.close");

    public static readonly MessageCode MoveOther = new("incident.move.other", "move");

    /// <summary>"the discovery of the incident", for a time that cannot be before it.</summary>
    public static readonly MessageCode TheDiscovery = new("incident.theDiscovery");
}
