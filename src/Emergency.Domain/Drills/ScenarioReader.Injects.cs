using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>Reads one inject: its kind, its moment and the fields of its kind, into the record the drill applies.</summary>
public static partial class ScenarioReader
{
    private sealed partial class Reading
    {
        public (Inject Inject, TimeSpan? At, YamlScalar? After, Position AtPosition)? Inject(YamlNode node, bool manual, string? defaultRegion = null)
        {
            if (node is not YamlMap map)
            {
                Error(node.At, ScenarioTexts.InjectNotMap);
                return null;
            }

            var kindNode = map.Entries.FirstOrDefault(e => e.Key.Value == "kind").Value;
            if (kindNode is null)
            {
                Error(map.At, ScenarioTexts.InjectNeedsKind.With(("kinds", Arg.Of(ScenarioVocabulary.InjectKinds.Keys.Select(Arg.Of)))));
                return null;
            }

            var kind = Text(kindNode, "kind", Validator.ShortText);
            if (kind is null)
            {
                return null;
            }

            if (!ScenarioVocabulary.InjectKinds.TryGetValue(kind, out var shape))
            {
                Error(kindNode.At, ScenarioTexts.UnknownInjectKind.With(("kind", kind), ("known", Arg.Of(ScenarioVocabulary.InjectKinds.Keys.Select(Arg.Of)))));
                return null;
            }

            var allowed = ScenarioVocabulary.InjectCommon.Concat(shape.OnIncident ? ScenarioVocabulary.IncidentCommon : []).Concat(shape.Fields).ToList();
            var fields = Fields(map, $"an inject of kind {kind}", allowed, shape.OnIncident ? ["incident"] : []);
            var errorsBefore = Errors.Count;

            var id = fields.TryGetValue("id", out var idNode) ? Name(idNode, "id") : null;
            TimeSpan? at = fields.TryGetValue("at", out var atNode) ? Offset(atNode, "at") : null;
            YamlScalar? after = null;
            if (fields.TryGetValue("after", out var afterNode))
            {
                if (manual)
                {
                    Error(afterNode.At, ScenarioTexts.AfterInManual);
                }
                else if (Name(afterNode, "after") is not null)
                {
                    after = (YamlScalar)afterNode;
                }
            }
            else if (atNode is null && !manual)
            {
                Error(map.At, ScenarioTexts.InjectNeedsAt);
            }

            var where = map.At;
            var incident = fields.TryGetValue("incident", out var incidentNode) ? Name(incidentNode, "incident") : null;
            var actingRole = kind == ComplaintFiled.KindName ? Domain.Role.PetitionOfficer : Domain.Role.DutyCommander;
            var by = kind == DecisionStep.KindName ? null
                : fields.TryGetValue("by", out var byNode) ? (kind == IncidentStep.KindName ? Enum<Domain.Role>(byNode, "by") : Role(byNode, actingRole, kind))
                : actingRole;
            string Note() => Text(fields, "note", Validator.LongText)!;

            Inject? inject = kind switch
            {
                IncidentReported.KindName => Reported(),
                FactsChanged.KindName => Required(fields, map, "facts") is { } facts && Facts(facts) is { } patch
                    ? new FactsChanged { Id = id, Where = where, Incident = incident!, By = by ?? default, Facts = patch, Note = Note() }
                    : null,
                ObligationCompleted.KindName => Required(fields, map, "obligation") is { } obligation && Step(obligation) is { } step
                    && (step != ObligationKind.NotifyNeighbours || Required(fields, map, "notified") is not null)
                    ? new ObligationCompleted { Id = id, Where = where, Incident = incident!, By = by ?? default, Obligation = step, Note = Note(), Notified = Text(fields, "notified", Validator.ShortText) }
                    : null,
                CorrectionRecorded.KindName => Corrected(),
                ReportFiled.KindName => Filed(),
                IncidentClosed.KindName => new IncidentClosed { Id = id, Where = where, Incident = incident!, By = by ?? default, Note = Note() },
                ComplaintFiled.KindName => Complaint(),
                DecisionStep.KindName => Decided(),
                IncidentStep.KindName => Played(),
                WarningEscalated.KindName => Escalated(),
                _ => Required(fields, map, "text") is not null && Text(fields, "text", 2000) is { } text
                    ? new PlayerMessage { Id = id, Where = where, Text = text, To = Text(fields, "to", Validator.ShortText) }
                    : null,
            };

            if (Errors.Count > errorsBefore || inject is null)
            {
                return null;
            }

            return (inject, at, after, atNode?.At ?? where);

            IncidentReported? Reported()
            {
                var title = Required(fields, map, "title") is not null ? Text(fields, "title", Validator.ShortText) : null;
                var source = Required(fields, map, "source") is { } sourceNode ? Enum<SourceChannel>(sourceNode, "source") : null;
                var facts = Required(fields, map, "facts") is { } factsNode ? Facts(factsNode) : null;
                var region = Text(fields, "region", Validator.ShortText) ?? defaultRegion;
                TimeSpan? discovered = fields.TryGetValue("discovered", out var discoveredNode) ? Offset(discoveredNode, "discovered") : null;
                if (region is null)
                {
                    Error(map.At, ScenarioTexts.RegionRequired);
                }

                return title is null || source is null || facts is null || region is null
                    ? null
                    : new IncidentReported
                    {
                        Id = id, Where = where, Incident = incident!, By = by ?? default, Title = title, Region = region, Source = source.Value,
                        Discovered = discovered, Description = Text(fields, "description", Validator.LongText), Facts = facts,
                    };
            }

            ComplaintFiled? Complaint()
            {
                var channel = Required(fields, map, "channel") is { } channelNode ? Enum<PetitionChannel>(channelNode, "channel") : null;
                var text = Required(fields, map, "text") is not null ? Text(fields, "text", Validator.LongText) : null;
                var (enterprise, place) = Subject();
                var region = Text(fields, "region", Validator.ShortText) ?? defaultRegion;
                if (region is null)
                {
                    Error(map.At, ScenarioTexts.RegionRequired);
                }

                var repeat = fields.TryGetValue("repeat", out var repeatNode) ? Int(repeatNode, "repeat") : 1;
                TimeSpan? every = fields.TryGetValue("every", out var everyNode) ? Offset(everyNode, "every") : null;
                if (repeat is < 1 or > ComplaintFiled.MaxRepeat)
                {
                    Error(repeatNode!.At, ScenarioTexts.RepeatRange.With(("max", ComplaintFiled.MaxRepeat)));
                    repeat = null;
                }
                else if (repeat > 1 && every is null)
                {
                    Error(map.At, ScenarioTexts.EveryRequired);
                }
                else if (repeat > 1 && every <= TimeSpan.Zero)
                {
                    Error(everyNode!.At, ScenarioTexts.EveryPositive);
                }
                else if (repeat == 1 && every is not null)
                {
                    Error(everyNode!.At, ScenarioTexts.EveryWithoutRepeat);
                }

                return channel is null || text is null || region is null || repeat is null || (enterprise is null && place is null)
                    ? null
                    : new ComplaintFiled
                    {
                        Id = id, Where = where, Channel = channel.Value, Enterprise = enterprise, Place = place, Region = region,
                        Unit = Text(fields, "unit", Validator.ShortText) ?? $"{region} environmental protection department",
                        Text = text, Caller = Text(fields, "caller", Validator.ShortText), Repeat = repeat.Value, Every = every, By = by ?? default,
                    };
            }

            DecisionStep? Decided()
            {
                var decision = Required(fields, map, "decision") is { } decisionNode ? Name(decisionNode, "decision") : null;
                var step = Required(fields, map, "action") is { } actionNode ? Move<MajorDecisionCommand>(actionNode, creating: true) : null;
                if (decision is null || step is null)
                {
                    return null;
                }

                var role = step.Roles[0];
                if (fields.TryGetValue("by", out var stepBy) && Role(stepBy, role, $"{step.Name}") is null)
                {
                    return null;
                }

                var command = With<MajorDecisionCommand>(step);
                return command is null
                    ? null
                    : new DecisionStep { Id = id, Where = where, Decision = decision, Action = step.Name, By = role, Command = command };
            }

            IncidentStep? Played()
            {
                var step = Required(fields, map, "action") is { } actionNode ? Move<IncidentCommand>(actionNode, creating: false) : null;
                var command = step is null ? null : With<IncidentCommand>(step);
                return command is null ? null : new IncidentStep { Id = id, Where = where, Incident = incident!, By = by ?? default, Action = step!.Name, Move = command };
            }

            // The move's fields from 'with', read exactly as the API reads its body.
            TCommand? With<TCommand>(MoveInfo step)
                where TCommand : CaseCommand
            {
                var with = fields.TryGetValue("with", out var withNode) ? withNode : null;
                if (with is not null and not YamlMap)
                {
                    Error(with.At, ScenarioTexts.WithNotMap.With(("move", step.Name)));
                    return null;
                }

                try
                {
                    return (TCommand?)JsonSerializer.Deserialize(ToJson(with) ?? new JsonObject(), step.Type, CommandJson);
                }
                catch (JsonException ex)
                {
                    Error(with?.At ?? map.At, ScenarioTexts.WithDoesNotFit.With(("move", step.Name), ("detail", ex.Message)));
                    return null;
                }
            }

            WarningEscalated? Escalated()
            {
                var (enterprise, place) = Subject();
                return Reported() is { } reported && (enterprise is not null || place is not null)
                    ? new WarningEscalated
                    {
                        Id = reported.Id, Where = reported.Where, Incident = reported.Incident, By = reported.By, Title = reported.Title, Region = reported.Region,
                        Source = reported.Source, Discovered = reported.Discovered, Description = reported.Description, Facts = reported.Facts,
                        Enterprise = enterprise, Place = place,
                    }
                    : null;
            }

            (string? Enterprise, string? Place) Subject()
            {
                var enterprise = Text(fields, "enterprise", Validator.ShortText);
                var place = Text(fields, "place", Validator.ShortText);
                if (!fields.ContainsKey("enterprise") && !fields.ContainsKey("place"))
                {
                    Error(map.At, ScenarioTexts.SubjectRequired);
                }

                return (enterprise, place);
            }

            CorrectionRecorded? Corrected()
            {
                var correction = Required(fields, map, "correction") is { } correctionNode ? Enum<CorrectionKind>(correctionNode, "correction") : null;
                var concerns = Required(fields, map, "concerns") is not null ? Text(fields, "concerns", Validator.ShortText) : null;
                if (concerns is not null && !ConcernsPattern().IsMatch(concerns))
                {
                    Error(fields["concerns"].At, ScenarioTexts.ConcernsShape);
                    concerns = null;
                }

                var declared = Required(fields, map, "declared") is not null ? Text(fields, "declared", Validator.LongText) : null;
                var actual = Required(fields, map, "actual") is not null ? Text(fields, "actual", Validator.LongText) : null;
                TimeSpan? known = fields.TryGetValue("known", out var knownNode) ? Offset(knownNode, "known") : null;
                return correction is null || concerns is null || declared is null || actual is null
                    ? null
                    : new CorrectionRecorded
                    {
                        Id = id, Where = where, Incident = incident!, By = by ?? default, Correction = correction.Value, Concerns = concerns,
                        Declared = declared, Actual = actual, Known = known, Note = Note(),
                    };
            }

            ReportFiled? Filed()
            {
                var report = Required(fields, map, "report") is { } reportNode ? Enum<ReportKind>(reportNode, "report") : null;
                var medium = fields.TryGetValue("medium", out var mediumNode) ? Enum<ReportMedium>(mediumNode, "medium") : ReportMedium.Written;
                return report is null || medium is null
                    ? null
                    : new ReportFiled
                    {
                        Id = id, Where = where, Incident = incident!, By = by ?? default, Report = report.Value, Medium = medium.Value,
                        SignedOffBy = Text(fields, "signedOffBy", Validator.ShortText) ?? "drill",
                        Contact = Text(fields, "contact", Validator.ShortText) ?? "drill",
                        Content = Text(fields, "content", Validator.LongText) ?? $"{Capitalised(report.Value)} report of the drill",
                    };
            }
        }
    }
}
