using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Drills;

/// <summary>
/// Reads a scenario file (YAML) into a validated <see cref="Scenario"/>, or refuses it with every problem
/// found, each with file, line, column and reason — before anything runs.
/// </summary>
public static partial class ScenarioReader
{
    /// <summary>The largest scenario file read (1 MiB); a larger one is refused before it is parsed.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most injects one scenario may hold.</summary>
    public const int MaxInjects = 20_000;

    /// <summary>How a decision step's <c>with</c> fields are read: as the API reads a body, unknown fields refused.</summary>
    private static readonly JsonSerializerOptions CommandJson = new(JsonShape.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    /// <summary>The most injects one drill runs, repetitions included.</summary>
    public const int MaxScheduled = 100_000;

    private const int MaxErrors = 50;

    /// <summary>Refuses a file larger than <see cref="MaxBytes"/> without reading it.</summary>
    public static void CheckSize(long bytes, string file)
    {
        if (bytes > MaxBytes)
        {
            throw new ScenarioException(new ScenarioError(file, 1, 1, $"the file has {bytes:N0} bytes; a scenario may have at most {MaxBytes:N0} bytes (1 MiB)"));
        }
    }

    /// <summary>
    /// A scenario's bytes as text: UTF-8 (a leading byte order mark is dropped), or refused at the line and column of
    /// the first bytes that are not, so that the command line and the API refuse the same file alike instead of one of
    /// them running it with the bytes replaced.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string file)
    {
        CheckSize(bytes.Length, file);
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = chars.AsSpan(0, written);
        var line = before.Count('\n') + 1;
        var column = written - (before.LastIndexOf('\n') + 1) + 1;
        throw new ScenarioException(new ScenarioError(file, line, column, $"the file is not UTF-8 text: byte 0x{bytes[read]:X2} at offset {read:N0} starts no UTF-8 character; save the file as UTF-8"));
    }

    /// <summary>Reads a scenario; throws <see cref="ScenarioException"/> with every problem found.</summary>
    public static Scenario Read(string text, string file)
    {
        CheckSize(Encoding.UTF8.GetByteCount(text), file);
        var root = YamlTree.Parse(text, file);
        var reading = new Reading(file);
        var scenario = reading.Scenario(root, text);
        if (reading.Errors.Count > 0 || scenario is null)
        {
            throw new ScenarioException(reading.Errors);
        }

        return scenario;
    }

    /// <summary>
    /// Reads one inject sent by hand during a paced drill: the same shape as in a scenario file (JSON is
    /// read as YAML), without <c>after</c>; <c>at</c>, when given, is an offset from the drill's start.
    /// </summary>
    public static (Inject Inject, TimeSpan? At) ReadInject(string text, string file)
    {
        CheckSize(Encoding.UTF8.GetByteCount(text), file);
        var root = YamlTree.Parse(text, file);
        var reading = new Reading(file);
        var read = reading.Inject(root ?? new YamlScalar(new Position(1, 1), "", true), manual: true);
        if (reading.Errors.Count > 0 || read is null)
        {
            throw new ScenarioException(reading.Errors);
        }

        return (read.Value.Inject, read.Value.At);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex MomentPattern();

    [GeneratedRegex(@"^(report|reachScene|startMonitoring|organiseInvestigation|releaseInformation|notifyNeighbours|levelChangeReport-[1-9][0-9]{0,2})$")]
    private static partial Regex ObligationIdPattern();

    [GeneratedRegex(@"^(registration|report [1-9][0-9]{0,3}|reachScene|startMonitoring|organiseInvestigation|releaseInformation|notifyNeighbours)$")]
    private static partial Regex ConcernsPattern();

    private sealed record RawInject(Inject Inject, TimeSpan? At, YamlScalar? After, Position AtPosition, int Order);

    private sealed class Reading(string file)
    {
        public List<ScenarioError> Errors { get; } = [];

        public Scenario? Scenario(YamlNode? root, string text)
        {
            if (root is not YamlMap map)
            {
                Error(root?.At ?? new Position(1, 1), "a scenario file is a mapping with title, region, ruleSetDate, start, injects and expectations");
                return null;
            }

            var fields = Fields(map, "the scenario", ScenarioVocabulary.TopLevel, ["title", "region", "ruleSetDate", "start", "injects"]);
            if (fields.TryGetValue("version", out var versionNode) && Int(versionNode, "version") is { } version && version != Drills.Scenario.FormatVersion)
            {
                Error(versionNode.At, $"version {version} is not known: this engine reads scenario format version {Drills.Scenario.FormatVersion}");
            }

            var title = Text(fields, "title", Validator.ShortText);
            var description = Text(fields, "description", Validator.LongText);
            var region = Text(fields, "region", Validator.ShortText);
            var ruleSetDate = fields.TryGetValue("ruleSetDate", out var dateNode) ? Date(dateNode, "ruleSetDate") : null;
            var judgedUnder = fields.TryGetValue("judgedUnder", out var judgedNode) ? Text(judgedNode, "judgedUnder", Validator.ShortText) : null;
            var start = fields.TryGetValue("start", out var startNode) ? Moment(startNode, "start") : null;
            var end = fields.TryGetValue("end", out var endNode) ? Offset(endNode, "end") : null;

            var raw = new List<RawInject>();
            if (fields.TryGetValue("injects", out var injectsNode))
            {
                if (injectsNode is not YamlList list || list.Items.Count == 0)
                {
                    Error(injectsNode.At, "injects must be a list with at least one inject");
                }
                else if (list.Items.Count > MaxInjects)
                {
                    Error(injectsNode.At, $"{list.Items.Count:N0} injects; a scenario may have at most {MaxInjects:N0}");
                }
                else
                {
                    foreach (var item in list.Items)
                    {
                        if (Inject(item, manual: false, region) is { } read)
                        {
                            raw.Add(new RawInject(read.Inject, read.At, read.After, read.AtPosition, raw.Count));
                        }
                    }
                }
            }

            var expectations = new List<Expectation>();
            if (fields.TryGetValue("expectations", out var expectationsNode))
            {
                if (expectationsNode is YamlList list)
                {
                    expectations.AddRange(list.Items.Select(Expectation).OfType<Expectation>());
                }
                else if (!IsNull(expectationsNode))
                {
                    Error(expectationsNode.At, "expectations must be a list");
                }
            }

            var schedule = Schedule(raw);
            var incidents = CheckIncidents(schedule);
            CheckExpectations(expectations, incidents);
            CheckSubjects(schedule, expectations);
            var decisions = CheckDecisions(schedule, expectations);
            var last = schedule.Count == 0 ? TimeSpan.Zero : schedule[^1].At;
            var horizon = expectations.Select(e => e.Horizon ?? TimeSpan.Zero).Append(last).Max();
            if (end is { } stated)
            {
                foreach (var late in schedule.Where(s => s.At > stated))
                {
                    Error(late.Inject.Where, $"this inject at {Offsets.Format(late.At)} comes after the end ({Offsets.Format(stated)})");
                }

                foreach (var late in expectations.Where(e => e.Horizon > stated))
                {
                    Error(late.Where, $"this expectation looks at {Offsets.Format(late.Horizon!.Value)}, after the end ({Offsets.Format(stated)})");
                }
            }

            if (Errors.Count > 0 || title is null || region is null || ruleSetDate is null || start is null)
            {
                return null;
            }

            return new Scenario
            {
                File = file,
                Title = title,
                Description = description,
                Region = region,
                RuleSetDate = ruleSetDate.Value,
                RuleSetDateAt = dateNode!.At,
                JudgedUnder = judgedUnder,
                JudgedUnderAt = judgedNode?.At ?? new Position(1, 1),
                Start = start.Value,
                End = end ?? horizon,
                Injects = schedule,
                Expectations = expectations,
                Incidents = [.. incidents.Keys],
                Decisions = decisions,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            };
        }

        public (Inject Inject, TimeSpan? At, YamlScalar? After, Position AtPosition)? Inject(YamlNode node, bool manual, string? defaultRegion = null)
        {
            if (node is not YamlMap map)
            {
                Error(node.At, "an inject is a mapping with kind, at (or after) and the fields of its kind");
                return null;
            }

            var kindNode = map.Entries.FirstOrDefault(e => e.Key.Value == "kind").Value;
            if (kindNode is null)
            {
                Error(map.At, $"an inject needs a kind: one of {string.Join(", ", ScenarioVocabulary.InjectKinds.Keys)}");
                return null;
            }

            var kind = Text(kindNode, "kind", Validator.ShortText);
            if (kind is null)
            {
                return null;
            }

            if (!ScenarioVocabulary.InjectKinds.TryGetValue(kind, out var shape))
            {
                Error(kindNode.At, $"unknown inject kind '{kind}'; known: {string.Join(", ", ScenarioVocabulary.InjectKinds.Keys)}");
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
                    Error(afterNode.At, "an inject sent during a drill happens now, or at 'at' (an offset from the start); 'after' belongs in scenario files");
                }
                else if (Name(afterNode, "after") is not null)
                {
                    after = (YamlScalar)afterNode;
                }
            }
            else if (atNode is null && !manual)
            {
                Error(map.At, "an inject needs 'at' (an offset from the start, like +2h) or 'after' (the id of another inject)");
            }

            var where = map.At;
            var incident = fields.TryGetValue("incident", out var incidentNode) ? Name(incidentNode, "incident") : null;
            var actingRole = kind == ComplaintFiled.KindName ? Domain.Role.PetitionOfficer : Domain.Role.DutyCommander;
            var by = kind == DecisionStep.KindName ? null : fields.TryGetValue("by", out var byNode) ? Role(byNode, actingRole, kind) : actingRole;
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
                    Error(map.At, "'region' is required (the scenario's region is used when the inject names none)");
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
                    Error(map.At, "'region' is required (the scenario's region is used when the inject names none)");
                }

                var repeat = fields.TryGetValue("repeat", out var repeatNode) ? Int(repeatNode, "repeat") : 1;
                TimeSpan? every = fields.TryGetValue("every", out var everyNode) ? Offset(everyNode, "every") : null;
                if (repeat is < 1 or > ComplaintFiled.MaxRepeat)
                {
                    Error(repeatNode!.At, $"'repeat' must be between 1 and {ComplaintFiled.MaxRepeat:N0}");
                    repeat = null;
                }
                else if (repeat > 1 && every is null)
                {
                    Error(map.At, "'every' is required with 'repeat': the time between two of the complaints, like 10m");
                }
                else if (repeat > 1 && every <= TimeSpan.Zero)
                {
                    Error(everyNode!.At, "'every' must be longer than zero");
                }
                else if (repeat == 1 && every is not null)
                {
                    Error(everyNode!.At, "'every' only goes with 'repeat'");
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
                var step = Required(fields, map, "action") is { } actionNode ? DecisionMove(actionNode) : null;
                if (decision is null || step is null)
                {
                    return null;
                }

                var role = step.Roles[0];
                if (fields.TryGetValue("by", out var stepBy) && Role(stepBy, role, $"{step.Name}") is null)
                {
                    return null;
                }

                var with = fields.TryGetValue("with", out var withNode) ? withNode : null;
                if (with is not null and not YamlMap)
                {
                    Error(with.At, $"'with' is a mapping of the fields of {step.Name}");
                    return null;
                }

                MajorDecisionCommand? command;
                try
                {
                    command = (MajorDecisionCommand?)JsonSerializer.Deserialize(ToJson(with) ?? new JsonObject(), step.Type, CommandJson);
                }
                catch (JsonException ex)
                {
                    Error(with?.At ?? map.At, $"'with' does not fit {step.Name}: {ex.Message}");
                    return null;
                }

                return command is null
                    ? null
                    : new DecisionStep { Id = id, Where = where, Decision = decision, Action = step.Name, By = role, Command = command };
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
                    Error(map.At, "'enterprise' or 'place' is required: what the complaints are about");
                }

                return (enterprise, place);
            }

            CorrectionRecorded? Corrected()
            {
                var correction = Required(fields, map, "correction") is { } correctionNode ? Enum<CorrectionKind>(correctionNode, "correction") : null;
                var concerns = Required(fields, map, "concerns") is not null ? Text(fields, "concerns", Validator.ShortText) : null;
                if (concerns is not null && !ConcernsPattern().IsMatch(concerns))
                {
                    Error(fields["concerns"].At, "'concerns' must be registration, report N (a filed report by its number) or a step's id: reachScene, startMonitoring, organiseInvestigation, releaseInformation, notifyNeighbours");
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

        private Expectation? Expectation(YamlNode node)
        {
            if (node is not YamlMap map)
            {
                Error(node.At, $"an expectation is a mapping such as 'graded: {{incident: spill, level: II}}'; kinds: {string.Join(", ", ScenarioVocabulary.ExpectationKinds.Keys)}");
                return null;
            }

            var name = map.Entries.FirstOrDefault(e => e.Key.Value == "name").Value;
            var kinds = map.Entries.Where(e => e.Key.Value != "name").ToList();
            foreach (var (key, _) in kinds.Where(k => !ScenarioVocabulary.ExpectationKinds.ContainsKey(k.Key.Value)))
            {
                Error(key.At, $"unknown expectation '{key.Value}'; known: {string.Join(", ", ScenarioVocabulary.ExpectationKinds.Keys)} (and 'name')");
            }

            var known = kinds.Where(k => ScenarioVocabulary.ExpectationKinds.ContainsKey(k.Key.Value)).ToList();
            if (known.Count != 1)
            {
                if (known.Count > 1)
                {
                    Error(known[1].Key.At, "one expectation per list item: start a new item with '-'");
                }
                else if (kinds.Count == 0)
                {
                    Error(map.At, $"an expectation needs one of {string.Join(", ", ScenarioVocabulary.ExpectationKinds.Keys)}");
                }

                return null;
            }

            var (kindKey, body) = known[0];
            var kind = kindKey.Value;
            if (body is not YamlMap args)
            {
                Error(body.At, $"'{kind}' takes a mapping of {string.Join(", ", ScenarioVocabulary.ExpectationKinds[kind])}");
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
                    && fields.TryGetValue("action", out var refusedAction) && DecisionMove(refusedAction) is { } a
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
                    Error(args.At, "warningRaised names one subject: 'enterprise' or 'place'");
                    return null;
                }

                return fields.TryGetValue("by", out var raisedBy) && Offset(raisedBy, "by") is { } b
                    ? new WarningRaisedExpectation { Name = title, Where = kindKey.At, Enterprise = enterprise, Place = place, By = b }
                    : null;
            }
        }

        /// <summary>Gives every inject its moment (following 'after' chains) and sorts by moment, then by order in the file.</summary>
        private List<ScheduledInject> Schedule(List<RawInject> raw)
        {
            var byId = new Dictionary<string, RawInject>(StringComparer.Ordinal);
            foreach (var inject in raw.Where(r => r.Inject.Id is not null))
            {
                if (!byId.TryAdd(inject.Inject.Id!, inject))
                {
                    Error(inject.Inject.Where, $"id '{inject.Inject.Id}' is used twice (first at line {byId[inject.Inject.Id!].Inject.Where.Line})");
                }
            }

            var resolved = new Dictionary<int, TimeSpan?>();
            TimeSpan? Resolve(RawInject inject)
            {
                if (resolved.TryGetValue(inject.Order, out var known))
                {
                    return known;
                }

                // Walks the chain iteratively: a long chain of 'after' never deepens the stack.
                var chain = new List<RawInject> { inject };
                var onChain = new HashSet<int> { inject.Order };
                var current = inject;
                TimeSpan? baseMoment = null;
                while (current.After is { } after)
                {
                    if (!byId.TryGetValue(after.Value, out var target))
                    {
                        Error(after.At, $"after '{after.Value}': no inject has this id");
                        baseMoment = null;
                        break;
                    }

                    if (resolved.TryGetValue(target.Order, out var targetMoment))
                    {
                        baseMoment = targetMoment;
                        break;
                    }

                    if (!onChain.Add(target.Order))
                    {
                        var cycle = chain.SkipWhile(c => c.Order != target.Order).Select(c => c.Inject.Id).Append(target.Inject.Id);
                        Error(target.After!.At, $"'after' goes round in a circle: {string.Join(" → ", cycle)}; one of them needs 'at'");
                        baseMoment = null;
                        break;
                    }

                    chain.Add(target);
                    current = target;
                }

                for (var i = chain.Count - 1; i >= 0; i--)
                {
                    var link = chain[i];
                    var moment = link.After is null ? link.At : baseMoment + (link.At ?? TimeSpan.Zero);
                    if (moment > Offsets.Longest)
                    {
                        Error(link.AtPosition, $"this inject falls at {Offsets.Format(moment.Value)}, later than a drill may run ({Offsets.Format(Offsets.Longest)})");
                        moment = null;
                    }

                    resolved[link.Order] = moment;
                    baseMoment = moment;
                }

                return resolved[inject.Order];
            }

            var schedule = new List<ScheduledInject>(raw.Count);
            foreach (var inject in raw)
            {
                if (Resolve(inject) is not { } at)
                {
                    continue;
                }

                var repeat = inject.Inject is ComplaintFiled { Repeat: > 1 } surge ? surge.Repeat : 1;
                var every = (inject.Inject as ComplaintFiled)?.Every ?? TimeSpan.Zero;
                for (var copy = 0; copy < repeat; copy++)
                {
                    schedule.Add(new ScheduledInject(inject.Order + 1, at + (every * copy), inject.Inject, copy));
                }

                if (at + (every * (repeat - 1)) > Offsets.Longest)
                {
                    Error(inject.AtPosition, $"the last of its {repeat} repetitions falls at {Offsets.Format(at + (every * (repeat - 1)))}, later than a drill may run ({Offsets.Format(Offsets.Longest)})");
                }
                else if (schedule.Count > MaxScheduled)
                {
                    Error(inject.Inject.Where, $"with its repetitions the scenario has {schedule.Count:N0} injects; a drill may run at most {MaxScheduled:N0}");
                    return [];
                }
            }

            return [.. schedule.OrderBy(s => s.At).ThenBy(s => s.Sequence).ThenBy(s => s.Copy)];
        }

        /// <summary>Every incident is reported once, before anything else happens to it; returns name → when it is reported.</summary>
        private Dictionary<string, TimeSpan> CheckIncidents(List<ScheduledInject> schedule)
        {
            var declared = new Dictionary<string, ScheduledInject>(StringComparer.Ordinal);
            foreach (var s in schedule.OrderBy(s => s.Sequence))
            {
                if (s.Inject is IncidentReported reported && !declared.TryAdd(reported.Incident, s))
                {
                    Error(reported.Where, $"incident '{reported.Incident}' is reported twice (first at line {declared[reported.Incident].Inject.Where.Line}); later news about it is a factsChanged inject");
                }
            }

            var reportedAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            foreach (var s in schedule)
            {
                if (s.Inject is CorrectionRecorded { Known: { } known } corrected && known > s.At)
                {
                    Error(corrected.Where, $"known {Offsets.Format(known)} is after the correction itself ({Offsets.Format(s.At)}): the truth is known before it is recorded");
                }

                switch (s.Inject)
                {
                    case IncidentReported reported when declared[reported.Incident] == s:
                        reportedAt[reported.Incident] = s.At;
                        if (reported.Discovered > s.At)
                        {
                            Error(reported.Where, $"discovered {Offsets.Format(reported.Discovered.Value)} is after the report itself ({Offsets.Format(s.At)}): an incident is discovered before it is reported");
                        }

                        break;
                    case IncidentInject other when other is not IncidentReported:
                        if (!declared.TryGetValue(other.Incident, out var declaration))
                        {
                            Error(other.Where, $"unknown incident '{other.Incident}': no incidentReported inject names it");
                        }
                        else if (!reportedAt.ContainsKey(other.Incident))
                        {
                            Error(other.Where, $"this inject at {Offsets.Format(s.At)} comes before incident '{other.Incident}' is reported ({Offsets.Format(declaration.At)}, line {declaration.Inject.Where.Line})");
                        }

                        break;
                }
            }

            // In order of reporting, so the report lists incidents the way the drill met them.
            return reportedAt.OrderBy(r => r.Value).ThenBy(r => declared[r.Key].Sequence).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        }

        private void CheckExpectations(List<Expectation> expectations, Dictionary<string, TimeSpan> incidents)
        {
            foreach (var expectation in expectations.Where(e => e.Incident is not null && !incidents.ContainsKey(e.Incident)))
            {
                Error(expectation.Where, $"unknown incident '{expectation.Incident}': no incidentReported inject names it");
            }
        }

        /// <summary>Every decision is drafted once, before any other step; expectations name drafted decisions. Returns the names in order of drafting.</summary>
        private List<string> CheckDecisions(List<ScheduledInject> schedule, List<Expectation> expectations)
        {
            var drafted = new Dictionary<string, ScheduledInject>(StringComparer.Ordinal);
            foreach (var s in schedule.Where(s => s.Inject is DecisionStep { Command: DraftMajorDecision }).OrderBy(s => s.Sequence))
            {
                var step = (DecisionStep)s.Inject;
                if (!drafted.TryAdd(step.Decision, s))
                {
                    Error(step.Where, $"decision '{step.Decision}' is drafted twice (first at line {drafted[step.Decision].Inject.Where.Line}); a new version of the proposal is a changeProposal step");
                }
            }

            foreach (var s in schedule.Where(s => s.Inject is DecisionStep { Command: not DraftMajorDecision }))
            {
                var step = (DecisionStep)s.Inject;
                if (!drafted.TryGetValue(step.Decision, out var draft))
                {
                    Error(step.Where, $"unknown decision '{step.Decision}': no decision inject drafts it (action: draft)");
                }
                else if (draft.At > s.At || (draft.At == s.At && draft.Sequence > s.Sequence))
                {
                    Error(step.Where, $"this step at {Offsets.Format(s.At)} comes before decision '{step.Decision}' is drafted ({Offsets.Format(draft.At)}, line {draft.Inject.Where.Line})");
                }
            }

            foreach (var (where, decision) in expectations.Select(e => e switch
            {
                DecisionOutcomeExpectation o => (e.Where, o.Decision),
                MoveRefusedExpectation r => (e.Where, r.Decision),
                _ => (e.Where, (string?)null),
            }))
            {
                if (decision is not null && !drafted.ContainsKey(decision))
                {
                    Error(where, $"unknown decision '{decision}': no decision inject drafts it");
                }
            }

            return [.. drafted.OrderBy(d => d.Value.At).ThenBy(d => d.Value.Sequence).Select(d => d.Key)];
        }

        /// <summary>A warning is expected or escalated only about a subject some complaint of the scenario is about.</summary>
        private void CheckSubjects(List<ScheduledInject> schedule, List<Expectation> expectations)
        {
            var complainedAbout = schedule.Select(s => s.Inject).OfType<ComplaintFiled>()
                .SelectMany(c => new[] { c.Enterprise, c.Place })
                .Select(ComplaintClusterDetector.Normalise)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var named = expectations.OfType<WarningRaisedExpectation>().Select(e => (e.Where, Subject: e.Enterprise ?? e.Place))
                .Concat(schedule.Where(s => s.Copy == 0).Select(s => s.Inject).OfType<WarningEscalated>().Select(e => (e.Where, Subject: e.Enterprise ?? e.Place)));
            foreach (var (where, subject) in named)
            {
                if (ComplaintClusterDetector.Normalise(subject) is not { } key || !complainedAbout.Contains(key))
                {
                    Error(where, $"no complaint of the scenario is about '{subject}': a warning is raised only by complaints");
                }
            }
        }

        private Dictionary<string, YamlNode> Fields(YamlMap map, string what, IReadOnlyList<string> allowed, IReadOnlyList<string> required)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Entries)
            {
                if (!allowed.Contains(key.Value))
                {
                    Error(key.At, $"unknown field '{key.Value}' in {what}; known: {string.Join(", ", allowed)}");
                    continue;
                }

                if (!IsNull(value) || required.Contains(key.Value))
                {
                    fields[key.Value] = value;
                }
            }

            foreach (var name in required.Where(r => !fields.ContainsKey(r)))
            {
                Error(map.At, $"'{name}' is required in {what}");
            }

            return fields;
        }

        private YamlNode? Required(Dictionary<string, YamlNode> fields, YamlMap map, string name)
        {
            if (fields.TryGetValue(name, out var node))
            {
                return node;
            }

            Error(map.At, $"'{name}' is required");
            return null;
        }

        private string? Text(Dictionary<string, YamlNode> fields, string name, int maxLength) =>
            fields.TryGetValue(name, out var node) ? Text(node, name, maxLength) : null;

        private string? Text(YamlNode node, string name, int maxLength)
        {
            if (node is not YamlScalar scalar || scalar.IsNull || scalar.Value.Trim().Length == 0)
            {
                Error(node.At, $"'{name}' must be text");
                return null;
            }

            if (scalar.Value.Length > maxLength)
            {
                Error(node.At, $"'{name}' is {scalar.Value.Length} characters long; at most {maxLength} are allowed");
                return null;
            }

            return scalar.Value;
        }

        private string? Name(YamlNode node, string name)
        {
            if (node is YamlScalar { IsNull: false } scalar && NamePattern().IsMatch(scalar.Value))
            {
                return scalar.Value;
            }

            Error(node.At, $"'{name}' must be a name of letters, digits, '-' and '_' (at most 64)");
            return null;
        }

        private int? Int(YamlNode node, string name) =>
            node is YamlScalar { Plain: true } scalar && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : Fail<int>(node, $"'{name}' must be a whole number, not negative");

        private TimeSpan? Offset(YamlNode node, string name)
        {
            if (node is not YamlScalar { IsNull: false } scalar)
            {
                Error(node.At, $"'{name}' must be an offset such as +0, +45m, +2h or +5d3h20m");
                return null;
            }

            var (value, problem) = Offsets.Parse(scalar.Value);
            if (problem is not null)
            {
                Error(node.At, $"'{name}': {problem}");
            }

            return value;
        }

        private DateOnly? Date(YamlNode node, string name) =>
            node is YamlScalar scalar && DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Fail<DateOnly>(node, $"'{name}' must be a date such as 2012-12-31");

        private DateTimeOffset? Moment(YamlNode node, string name) =>
            node is YamlScalar scalar && MomentPattern().IsMatch(scalar.Value)
            && DateTimeOffset.TryParse(scalar.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
                ? moment
                : Fail<DateTimeOffset>(node, $"'{name}' must be a date and time with its UTC offset, such as 2012-12-31T07:40:00+08:00");

        private Role? Role(YamlNode node, Role allowed, string kind)
        {
            var role = Enum<Role>(node, "by");
            if (role is not null && role != allowed)
            {
                Error(node.At, $"'by': a {Wire(role.Value)} cannot do '{kind}'; in the engine only a {Wire(allowed)} can");
                return null;
            }

            return role;
        }

        private ObligationKind? Step(YamlNode node)
        {
            var kind = Enum<ObligationKind>(node, "obligation");
            if (kind is { } k && k.IsReport())
            {
                Error(node.At, $"'{Wire(k)}' is completed by filing a report (a reportFiled inject), not as a step; steps: reachScene, startMonitoring, organiseInvestigation, releaseInformation, notifyNeighbours");
                return null;
            }

            return kind;
        }

        private string? ObligationId(YamlNode node) =>
            node is YamlScalar scalar && ObligationIdPattern().IsMatch(scalar.Value)
                ? scalar.Value
                : FailRef<string>(node, "'obligation' must be report, reachScene, startMonitoring, organiseInvestigation, releaseInformation, notifyNeighbours or levelChangeReport-N");

        /// <summary>A move of a major decision by its name, as the API's routes name it.</summary>
        private MoveInfo? DecisionMove(YamlNode node)
        {
            var moves = Moves.Of<MajorDecisionCommand>();
            if (node is YamlScalar { IsNull: false } scalar && moves.FirstOrDefault(m => string.Equals(m.Name, scalar.Value, StringComparison.OrdinalIgnoreCase)) is { } move)
            {
                return move;
            }

            Error(node.At, $"'action' must be one of {string.Join(", ", moves.Select(m => m.Name))}");
            return null;
        }

        private string? RefusalCode(YamlNode node) =>
            node is YamlScalar { IsNull: false } scalar && DecisionRefusals.All.Contains(scalar.Value, StringComparer.Ordinal)
                ? scalar.Value
                : FailRef<string>(node, $"'refusal' must be the code of the refusal expected, one of {string.Join(", ", DecisionRefusals.All)}");

        private IncidentLevel? Level(YamlNode node) =>
            node is YamlScalar scalar && IncidentLevels.All.FirstOrDefault(l => l.ToString() == scalar.Value) is var level && level.ToString() == scalar.Value
                ? level
                : Fail<IncidentLevel>(node, "'level' must be I, II, III or IV");

        private T? Enum<T>(YamlNode node, string name)
            where T : struct, Enum
        {
            if (node is YamlScalar { IsNull: false } scalar)
            {
                foreach (var value in System.Enum.GetValues<T>())
                {
                    if (string.Equals(Wire(value), scalar.Value, StringComparison.OrdinalIgnoreCase) && (typeof(T) != typeof(Role) || !Equals(value, Domain.Role.System)))
                    {
                        return value;
                    }
                }
            }

            var names = System.Enum.GetValues<T>().Where(v => typeof(T) != typeof(Role) || !Equals(v, Domain.Role.System)).Select(v => Wire(v));
            Error(node.At, $"'{name}' must be one of {string.Join(", ", names)}");
            return null;
        }

        private FactsPatch? Facts(YamlNode node)
        {
            if (node is not YamlMap map)
            {
                Error(node.At, $"'facts' must be a mapping of facts: {string.Join(", ", FactsPatch.Known)}");
                return null;
            }

            var patch = FactsPatch.Empty;
            var errorsBefore = Errors.Count;
            foreach (var (key, value) in map.Entries)
            {
                if (FactsPatch.NameOf(key.Value) is not { } field || field != key.Value && key.Value != FactsPatch.LegacyIntakeField)
                {
                    Error(key.At, $"unknown fact '{key.Value}'; known: {string.Join(", ", FactsPatch.Known)}");
                    continue;
                }

                // Read as the API reads a body, so a fact has one meaning and one set of messages in both.
                var (read, error) = FactsPatch.Read(key.Value, JsonSerializer.SerializeToElement(ToJson(value)));
                if (error is null)
                {
                    patch = patch.With(field, read);
                }
                else
                {
                    Error(value.At, $"'facts.{key.Value}' {error}");
                }
            }

            return Errors.Count > errorsBefore ? null : patch;
        }

        private static bool IsNull(YamlNode node) => node is YamlScalar { IsNull: true };

        /// <summary>A YAML value as JSON: plain scalars read by the YAML 1.2 core schema (true, false, numbers, null), quoted ones as text.</summary>
        private static JsonNode? ToJson(YamlNode? node) => node switch
        {
            YamlMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
            YamlList list => new JsonArray([.. list.Items.Select(ToJson)]),
            YamlScalar { IsNull: true } => null,
            YamlScalar { Plain: true, Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
            YamlScalar { Plain: true } n when long.TryParse(n.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            YamlScalar { Plain: true } d when decimal.TryParse(d.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            YamlScalar text => JsonValue.Create(text.Value),
            _ => null,
        };

        private T? Fail<T>(YamlNode node, string reason)
            where T : struct
        {
            Error(node.At, reason);
            return null;
        }

        private T? FailRef<T>(YamlNode node, string reason)
            where T : class
        {
            Error(node.At, reason);
            return null;
        }

        private void Error(Position at, string reason)
        {
            if (Errors.Count < MaxErrors)
            {
                Errors.Add(new ScenarioError(file, at.Line, at.Column, reason));
            }
        }
    }

    private static string Wire(Enum value) => value is IncidentLevel ? value.ToString() : value switch
    {
        ObligationKind kind => kind.Name(),
        _ => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()),
    };

    private static string Capitalised(ReportKind kind) => kind switch
    {
        ReportKind.Initial => "Initial",
        ReportKind.FollowUp => "Follow-up",
        _ => "Final",
    };
}
