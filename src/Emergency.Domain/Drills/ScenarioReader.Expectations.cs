using Emergency.Domain.Decisions;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>Reads one expectation: what the drill is scored on.</summary>
public static partial class ScenarioReader
{
    private sealed partial class Reading
    {
        private Expectation? Expectation(YamlNode node)
        {
            if (node is not YamlMap map)
            {
                Error(node.At, ScenarioTexts.ExpectationNotMap.With(("kinds", Arg.Of(ScenarioVocabulary.ExpectationKinds.Keys.Select(Arg.Of)))));
                return null;
            }

            var name = map.Entries.FirstOrDefault(e => e.Key.Value == "name").Value;
            var kinds = map.Entries.Where(e => e.Key.Value != "name").ToList();
            foreach (var (key, _) in kinds.Where(k => !ScenarioVocabulary.ExpectationKinds.ContainsKey(k.Key.Value)))
            {
                Error(key.At, ScenarioTexts.UnknownExpectation.With(("kind", key.Value), ("known", Arg.Of(ScenarioVocabulary.ExpectationKinds.Keys.Select(Arg.Of)))));
            }

            var known = kinds.Where(k => ScenarioVocabulary.ExpectationKinds.ContainsKey(k.Key.Value)).ToList();
            if (known.Count != 1)
            {
                if (known.Count > 1)
                {
                    Error(known[1].Key.At, ScenarioTexts.OneExpectationPerItem);
                }
                else if (kinds.Count == 0)
                {
                    Error(map.At, ScenarioTexts.ExpectationNeedsKind.With(("kinds", Arg.Of(ScenarioVocabulary.ExpectationKinds.Keys.Select(Arg.Of)))));
                }

                return null;
            }

            var (kindKey, body) = known[0];
            var kind = kindKey.Value;
            if (body is not YamlMap args)
            {
                Error(body.At, ScenarioTexts.ExpectationFields.With(("kind", kind), ("fields", Arg.Of(ScenarioVocabulary.ExpectationKinds[kind].Select(Arg.Of)))));
                return null;
            }

            string[] required = kind switch
            {
                MaxOverdueExpectation.KindName => ["limit"],
                GradedExpectation.KindName => ["incident", "level"],
                ClosedByExpectation.KindName => ["incident", "by"],
                WarningRaisedExpectation.KindName => ["by"],
                DecisionOutcomeExpectation.KindName => ["decision", "outcome"],
                MoveRefusedExpectation.KindName => ["decision", "action", "refusal"],
                _ => ["incident", "obligation"],
            };
            var fields = Fields(args, $"the expectation {kind}", ScenarioVocabulary.ExpectationKinds[kind], required);
            var errorsBefore = Errors.Count;
            var title = name is null ? null : Text(name, "name", Validator.ShortText);
            var incident = fields.TryGetValue("incident", out var incidentNode) ? Name(incidentNode, "incident") : null;
            Expectation? expectation = kind switch
            {
                GradedExpectation.KindName => fields.TryGetValue("level", out var level) && Level(level) is { } l
                    ? new GradedExpectation { Name = title, Where = kindKey.At, Incident = incident, Level = l, By = fields.TryGetValue("by", out var by) ? Offset(by, "by") : null }
                    : null,
                ObligationOnTimeExpectation.KindName => fields.TryGetValue("obligation", out var obligation) && ObligationId(obligation) is { } o
                    ? new ObligationOnTimeExpectation { Name = title, Where = kindKey.At, Incident = incident, Obligation = o }
                    : null,
                ClosedByExpectation.KindName => fields.TryGetValue("by", out var closedBy) && Offset(closedBy, "by") is { } c
                    ? new ClosedByExpectation { Name = title, Where = kindKey.At, Incident = incident, By = c }
                    : null,
                WarningRaisedExpectation.KindName => WarningRaised(),
                DecisionOutcomeExpectation.KindName => fields.TryGetValue("decision", out var decided) && Name(decided, "decision") is { } d
                    && fields.TryGetValue("outcome", out var outcome) && Enum<CollectiveDecisionOutcome>(outcome, "outcome") is { } o2
                    ? new DecisionOutcomeExpectation { Name = title, Where = kindKey.At, Decision = d, Outcome = o2, By = fields.TryGetValue("by", out var decidedBy) ? Offset(decidedBy, "by") : null }
                    : null,
                MoveRefusedExpectation.KindName => fields.TryGetValue("decision", out var refusedOn) && Name(refusedOn, "decision") is { } r
                    && fields.TryGetValue("action", out var refusedAction) && Move<MajorDecisionCommand>(refusedAction, creating: true) is { } a
                    && fields.TryGetValue("refusal", out var refusalNode) && RefusalCode(refusalNode) is { } code
                    ? new MoveRefusedExpectation { Name = title, Where = kindKey.At, Decision = r, Action = a.Name, Refusal = code }
                    : null,
                _ => fields.TryGetValue("limit", out var limit) && Offset(limit, "limit") is { } m
                    ? new MaxOverdueExpectation { Name = title, Where = kindKey.At, Incident = incident, Limit = m }
                    : null,
            };
            return Errors.Count > errorsBefore ? null : expectation;

            WarningRaisedExpectation? WarningRaised()
            {
                var enterprise = Text(fields, "enterprise", Validator.ShortText);
                var place = Text(fields, "place", Validator.ShortText);
                if ((enterprise is null) == (place is null))
                {
                    Error(args.At, ScenarioTexts.WarningOneSubject);
                    return null;
                }

                return fields.TryGetValue("by", out var raisedBy) && Offset(raisedBy, "by") is { } b
                    ? new WarningRaisedExpectation { Name = title, Where = kindKey.At, Enterprise = enterprise, Place = place, By = b }
                    : null;
            }
        }
    }
}
