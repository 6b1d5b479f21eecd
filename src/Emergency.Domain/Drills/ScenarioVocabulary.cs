namespace Emergency.Domain.Drills;

/// <summary>
/// Every name a scenario file may use, in one place: the reader checks against it, and a test checks that
/// scenarios/scenario.schema.json says the same.
/// </summary>
public static class ScenarioVocabulary
{
    public static readonly IReadOnlyList<string> TopLevel = ["version", "title", "description", "region", "ruleSetDate", "judgedUnder", "start", "end", "injects", "expectations"];

    /// <summary>Fields every inject may have.</summary>
    public static readonly IReadOnlyList<string> InjectCommon = ["kind", "id", "at", "after"];

    /// <summary>Fields of the injects that act on an incident, besides <see cref="InjectCommon"/>.</summary>
    public static readonly IReadOnlyList<string> IncidentCommon = ["incident", "by"];

    /// <summary>Each inject kind with its own fields (besides the common ones) and whether it acts on an incident.</summary>
    public static readonly IReadOnlyDictionary<string, (bool OnIncident, IReadOnlyList<string> Fields)> InjectKinds =
        new Dictionary<string, (bool, IReadOnlyList<string>)>
        {
            [IncidentReported.KindName] = (true, ["title", "region", "source", "discovered", "description", "facts"]),
            [FactsChanged.KindName] = (true, ["facts", "note"]),
            [ObligationCompleted.KindName] = (true, ["obligation", "note", "notified"]),
            [CorrectionRecorded.KindName] = (true, ["correction", "concerns", "declared", "actual", "known", "note"]),
            [ReportFiled.KindName] = (true, ["report", "medium", "signedOffBy", "contact", "content"]),
            [IncidentClosed.KindName] = (true, ["note"]),
            [PlayerMessage.KindName] = (false, ["text", "to"]),
            [ComplaintFiled.KindName] = (false, ["channel", "enterprise", "place", "region", "unit", "text", "caller", "repeat", "every", "by"]),
            [WarningEscalated.KindName] = (true, ["enterprise", "place", "title", "region", "source", "discovered", "description", "facts"]),
            [DecisionStep.KindName] = (false, ["decision", "action", "by", "with"]),
            [IncidentStep.KindName] = (true, ["action", "with"]),
        };

    /// <summary>Each expectation kind with its fields.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ExpectationKinds = new Dictionary<string, IReadOnlyList<string>>
    {
        [GradedExpectation.KindName] = ["incident", "level", "by"],
        [ObligationOnTimeExpectation.KindName] = ["incident", "obligation"],
        [ClosedByExpectation.KindName] = ["incident", "by"],
        [MaxOverdueExpectation.KindName] = ["incident", "limit"],
        [WarningRaisedExpectation.KindName] = ["enterprise", "place", "by"],
        [DecisionOutcomeExpectation.KindName] = ["decision", "outcome", "by"],
        [MoveRefusedExpectation.KindName] = ["decision", "action", "refusal"],
    };
}
