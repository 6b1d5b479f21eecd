using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
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
            throw new ScenarioException(new ScenarioError(file, 1, 1, ScenarioTexts.TooManyBytes.With(("bytes", bytes), ("max", MaxBytes))));
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
        throw new ScenarioException(new ScenarioError(file, line, column, ScenarioTexts.NotUtf8.With(("byte", $"0x{bytes[read]:X2}"), ("offset", read))));
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

    // A hop of the reporting chain and a warning downstream are obligations too, scored against the same deadlines.
    [GeneratedRegex(@"^(report|reachScene|startMonitoring|organiseInvestigation|releaseInformation|notifyNeighbours|levelChangeReport-[1-9][0-9]{0,2}|reportUp-[A-Za-z0-9]{1,20}(\.gov)?-[A-Za-z0-9]{1,20}(\.gov)?|warnDownstream-[A-Za-z0-9][A-Za-z0-9_-]{0,63}|warnNeighbour-[0-9]{6})$")]
    private static partial Regex ObligationIdPattern();

    [GeneratedRegex(@"^(registration|report [1-9][0-9]{0,3}|reachScene|startMonitoring|organiseInvestigation|releaseInformation|notifyNeighbours)$")]
    private static partial Regex ConcernsPattern();

    private sealed record RawInject(Inject Inject, TimeSpan? At, YamlScalar? After, Position AtPosition, int Order);

    private sealed partial class Reading(string file)
    {
        public List<ScenarioError> Errors { get; } = [];

        public Scenario? Scenario(YamlNode? root, string text)
        {
            if (root is not YamlMap map)
            {
                Error(root?.At ?? new Position(1, 1), ScenarioTexts.NotAScenario);
                return null;
            }

            var fields = Fields(map, "the scenario", ScenarioVocabulary.TopLevel, ["title", "region", "ruleSetDate", "start", "injects"]);
            if (fields.TryGetValue("version", out var versionNode) && Int(versionNode, "version") is { } version && version != Drills.Scenario.FormatVersion)
            {
                Error(versionNode.At, ScenarioTexts.UnknownVersion.With(("version", version), ("known", Drills.Scenario.FormatVersion)));
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
                    Error(injectsNode.At, ScenarioTexts.NoInjects);
                }
                else if (list.Items.Count > MaxInjects)
                {
                    Error(injectsNode.At, ScenarioTexts.TooManyInjects.With(("count", list.Items.Count), ("max", MaxInjects)));
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
                    Error(expectationsNode.At, ScenarioTexts.ExpectationsNotList);
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
                    Error(late.Inject.Where, ScenarioTexts.InjectAfterEnd.With(("at", Offsets.Format(late.At)), ("end", Offsets.Format(stated))));
                }

                foreach (var late in expectations.Where(e => e.Horizon > stated))
                {
                    Error(late.Where, ScenarioTexts.ExpectationAfterEnd.With(("at", Offsets.Format(late.Horizon!.Value)), ("end", Offsets.Format(stated))));
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

        private void Error(Position at, Message reason)
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
