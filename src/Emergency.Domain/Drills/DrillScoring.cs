using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Incidents;

namespace Emergency.Domain.Drills;

/// <summary>What the drill saw of one incident: its final view, and its level after every command.</summary>
public sealed record DrillIncidentRecord(string Name, IncidentView View, IReadOnlyList<LevelAt> Levels);

/// <summary>
/// What the drill saw of one early warning: the subject as the complaints named it, when it was raised and on how
/// many complaints, and the incident (by scenario name) it was escalated into, if any.
/// </summary>
public sealed record DrillWarningRecord(string Subject, DateTimeOffset RaisedAt, int Complaints, string? EscalatedTo);

/// <summary>What the drill saw of one major decision: its final view.</summary>
public sealed record DrillDecisionRecord(string Name, MajorDecisionView View);

/// <summary>Scores a finished drill against its scenario's expectations and writes the report. Pure: same inputs, same report.</summary>
public static class DrillScoring
{
    public static DrillReport Score(
        Scenario scenario,
        string mode,
        IReadOnlyList<DrillIncidentRecord> incidents,
        IReadOnlyList<DrillMessage> messages,
        IReadOnlyList<RefusedInject> refused,
        int manualInjects,
        IReadOnlyList<DrillWarningRecord>? warnings = null,
        IReadOnlyList<DrillDecisionRecord>? decisions = null)
    {
        warnings ??= [];
        decisions ??= [];
        var zone = scenario.Start.Offset;
        var end = scenario.At(scenario.End);
        var reports = incidents.Select(i => Incident(i, end, zone)).ToList();
        var byName = reports.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var decided = decisions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var results = scenario.Expectations.Select((e, i) => e switch
        {
            DecisionOutcomeExpectation or MoveRefusedExpectation => ScoreDecision(e, i + 1, scenario, decided, refused, end),
            _ => Score(e, i + 1, scenario, byName, reports, warnings, end),
        }).ToList();
        var met = results.Count(r => r.Outcome == ExpectationOutcome.Met);
        var late = results.Count(r => r.Outcome == ExpectationOutcome.Late);
        var missed = results.Count(r => r.Outcome == ExpectationOutcome.Missed);
        return new DrillReport
        {
            Scenario = new DrillReportScenario
            {
                Title = scenario.Title,
                Description = scenario.Description,
                File = Path.GetFileName(scenario.File),
                Sha256 = scenario.Sha256,
                Region = scenario.Region,
                RuleSetDate = scenario.RuleSetDate,
                RuleSet = reports.FirstOrDefault()?.RuleSet ?? scenario.JudgedUnder ?? "",
                JudgedUnder = scenario.JudgedUnder,
                Start = scenario.Start,
                End = end.ToOffset(zone),
                Injects = scenario.Injects.Count,
                ManualInjects = manualInjects,
            },
            Mode = mode,
            Result = new DrillResult { Passed = late + missed == 0, Met = met, Late = late, Missed = missed },
            Expectations = results,
            Incidents = reports,
            Messages = [.. messages.Select(m => m with { At = m.At.ToOffset(zone) })],
            Refused = [.. refused.Select(r => r with { At = r.At.ToOffset(zone) })],
            Complaints = scenario.Injects.Count(i => i.Inject is ComplaintFiled),
            Decisions = [.. scenario.Decisions.Where(decided.ContainsKey).Select(n => Decision(decided[n], zone))],
            Warnings = [.. warnings.OrderBy(w => w.RaisedAt).ThenBy(w => w.Subject, StringComparer.Ordinal).Select(w => w with { RaisedAt = w.RaisedAt.ToOffset(zone) })],
        };
    }

    private static DrillIncidentReport Incident(DrillIncidentRecord record, DateTimeOffset end, TimeSpan zone)
    {
        var view = record.View;
        var closed = view.Timeline.LastOrDefault(e => e.Kind == TimelineKind.Closed)?.At;
        return new DrillIncidentReport
        {
            Name = record.Name,
            Title = view.Title,
            Region = view.Region,
            RuleSet = view.RuleSetId,
            DiscoveredAt = view.DiscoveredAt.ToOffset(zone),
            Level = view.Grade.Level,
            GradeReasons = view.Grade.Reasons,
            Levels = [.. record.Levels.Select(l => l with { At = l.At.ToOffset(zone) })],
            Phase = view.Phase,
            ClosedAt = closed?.ToOffset(zone),
            Obligations = [.. view.Obligations.Select(o => Obligation(o, view, end, zone))],
            Reports = [.. view.Reports.Select(r => new DrillReportFiled(r.Number, r.Kind, r.Medium, r.Level, r.At.ToOffset(zone)))],
            Corrections = [.. view.Corrections.Select(c => new DrillCorrection(c.Number, c.Kind, c.Concerns, c.ConcernsAt.ToOffset(zone), c.Declared, c.Actual, c.KnownAt.ToOffset(zone)))],
            Timeline = [.. view.Timeline.Select(e => new DrillTimelineEntry(e.At.ToOffset(zone), e.Kind, e.Actor, e.Text))],
        };
    }

    private static DrillDecisionReport Decision(DrillDecisionRecord record, TimeSpan zone)
    {
        var view = record.View;
        return new DrillDecisionReport
        {
            Name = record.Name,
            Title = view.Title,
            Region = view.Region,
            Stage = JsonNamingPolicy.CamelCase.ConvertName(view.Stage.ToString()),
            RiskLevel = view.RiskLevel is { } risk ? JsonNamingPolicy.CamelCase.ConvertName(risk.ToString()) : null,
            Rounds = view.PastAssessments.Count + (view.Assessment is null ? 0 : 1),
            Decided = [.. view.CollectiveDecisions.Select(c => new DrillCollectiveDecision(c.At.ToOffset(zone), JsonNamingPolicy.CamelCase.ConvertName(c.Outcome.ToString()), JsonNamingPolicy.CamelCase.ConvertName(c.RiskLevel.ToString()), c.Round))],
            BlockedBy = [.. view.BlockedBy.Select(b => b.Text)],
            Timeline = [.. view.Timeline.Select(e => new DrillDecisionTimelineEntry(e.At.ToOffset(zone), JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), e.Actor, e.Text))],
        };
    }

    private static ExpectationResult ScoreDecision(
        Expectation expectation,
        int number,
        Scenario scenario,
        Dictionary<string, DrillDecisionRecord> decisions,
        IReadOnlyList<RefusedInject> refused,
        DateTimeOffset end)
    {
        var zone = scenario.Start.Offset;
        var result = new ExpectationResult
        {
            Number = number,
            Kind = expectation.Kind,
            Description = expectation.Name ?? expectation.Describe(),
            Outcome = ExpectationOutcome.Missed,
            Detail = "",
        };
        switch (expectation)
        {
            case DecisionOutcomeExpectation outcome:
            {
                var by = (outcome.By is { } offset ? scenario.At(offset) : end).ToOffset(zone);
                if (!decisions.TryGetValue(outcome.Decision, out var record))
                {
                    return result with { Expected = by, Detail = $"decision '{outcome.Decision}' was never drafted (its draft was refused)" };
                }

                var taken = record.View.CollectiveDecisions.FirstOrDefault(c => c.Outcome == outcome.Outcome);
                var latest = record.View.CollectiveDecisions.Count == 0 ? null : record.View.CollectiveDecisions[^1];
                return taken switch
                {
                    { At: var at } when at <= by => result with { Outcome = ExpectationOutcome.Met, Expected = by, Actual = at.ToOffset(zone), Detail = $"decided {outcome.Outcome.Title()} {Durations.Describe(at.ToOffset(zone))} at {taken.RiskLevel.Title()}" },
                    { At: var at } => result with { Outcome = ExpectationOutcome.Late, Expected = by, Actual = at.ToOffset(zone), By = at - by, Detail = $"decided {outcome.Outcome.Title()} only {Durations.Describe(at.ToOffset(zone))}, {Durations.Describe(at - by)} late" },
                    _ => result with { Expected = by, Detail = latest is null ? $"no collective decision was taken ({record.View.Stage})" : $"decided {latest.Outcome.Title()} instead, {Durations.Describe(latest.At.ToOffset(zone))}" },
                };
            }

            case MoveRefusedExpectation move:
            {
                var action = move.Action;
                var refusals = refused.Where(r => r.Decision == move.Decision && r.Action == action).ToList();
                var refusal = refusals.FirstOrDefault(r => r.Code == move.Refusal);
                if (refusal is not null)
                {
                    return result with { Outcome = ExpectationOutcome.Met, Actual = refusal.At.ToOffset(zone), Detail = $"refused ({refusal.Code}) {Durations.Describe(refusal.At.ToOffset(zone))}: {refusal.Reason}" };
                }

                // Refused, but not by the guard the scenario tests: the step never reached it.
                return refusals.Count > 0
                    ? result with { Actual = refusals[0].At.ToOffset(zone), Detail = $"refused for another reason ({refusals[0].Code ?? "no code"}, not {move.Refusal}) {Durations.Describe(refusals[0].At.ToOffset(zone))}: {refusals[0].Reason}" }
                    : result with { Detail = $"the procedure never refused {action} on {move.Decision}: the step went through, or was never tried" };
            }

            default:
                return result with { Detail = $"unknown expectation kind {expectation.Kind}" };
        }
    }

    private static ObligationOutcome Obligation(ObligationView o, IncidentView view, DateTimeOffset end, TimeSpan zone)
    {
        var deadline = o.OverdueSince ?? o.DueAt;
        var opened = o.Kind == ObligationKind.LevelChangeReport
            ? view.Timeline.FirstOrDefault(e => e.Ref == o.Id && e.Kind == TimelineKind.DeadlineSet)?.At ?? view.DiscoveredAt
            : o.OpenedAt ?? view.DiscoveredAt;
        var open = o.CompletedAt is null;
        return new ObligationOutcome
        {
            Id = o.Id,
            Title = o.Title,
            OpenedAt = opened.ToOffset(zone),
            Deadline = deadline.ToOffset(zone),
            CompletedAt = o.CompletedAt?.ToOffset(zone),
            Status = open ? (end > deadline ? ObligationStatus.Overdue : ObligationStatus.Pending) : o.Status,
            LateBy = o.LateBy,
            OverdueBy = open && end > deadline ? end - deadline : null,
            DeadlineBasis = o.DeadlineBasis,
            Notified = o.Notified,
            ShownFalse = [.. o.ShownFalse.Select(f => new DrillFalseCompletion(f.CompletedAt.ToOffset(zone), f.Correction, f.KnownAt.ToOffset(zone)))],
        };
    }

    private static ExpectationResult Score(
        Expectation expectation,
        int number,
        Scenario scenario,
        Dictionary<string, DrillIncidentReport> incidents,
        IReadOnlyList<DrillIncidentReport> all,
        IReadOnlyList<DrillWarningRecord> warnings,
        DateTimeOffset end)
    {
        var result = new ExpectationResult
        {
            Number = number,
            Kind = expectation.Kind,
            Description = expectation.Name ?? expectation.Describe(),
            Incident = expectation.Incident,
            Outcome = ExpectationOutcome.Missed,
            Detail = "",
        };
        var zone = scenario.Start.Offset;
        var incident = expectation.Incident is { } name && incidents.TryGetValue(name, out var found) ? found : null;
        if (expectation.Incident is not null && incident is null)
        {
            return result with { Detail = $"incident '{expectation.Incident}' was never registered (its report was refused)" };
        }

        switch (expectation)
        {
            case GradedExpectation graded:
            {
                var by = graded.By is { } offset ? scenario.At(offset) : end;
                var levels = incident!.Levels;
                var atDeadline = levels.LastOrDefault(l => l.At <= by);
                if (atDeadline?.Level == graded.Level)
                {
                    var since = levels.TakeWhile(l => l.At <= by).Reverse().TakeWhile(l => l.Level == graded.Level).Last().At;
                    return result with { Outcome = ExpectationOutcome.Met, Expected = by.ToOffset(zone), Actual = since, Detail = $"graded {graded.Level} from {Durations.Describe(since)}" };
                }

                var later = levels.FirstOrDefault(l => l.At > by && l.Level == graded.Level);
                return later is not null
                    ? result with { Outcome = ExpectationOutcome.Late, Expected = by.ToOffset(zone), Actual = later.At, By = later.At - by, Detail = $"graded {graded.Level} only at {Durations.Describe(later.At)}, {Durations.Describe(later.At - by)} late" }
                    : result with { Expected = by.ToOffset(zone), Detail = $"graded {atDeadline?.Level.ToString() ?? "nothing"} at {Durations.Describe(by.ToOffset(zone))}, never {graded.Level}" };
            }

            case ObligationOnTimeExpectation onTime:
            {
                var obligation = incident!.Obligations.FirstOrDefault(o => o.Id == onTime.Obligation);
                if (obligation is null)
                {
                    return result with { Detail = $"the incident never had the obligation '{onTime.Obligation}'" };
                }

                // A completion shown untrue never counts: only a later, true one can meet the obligation.
                var untrue = string.Concat(obligation.ShownFalse.Select(f => $"; done {Durations.Describe(f.CompletedAt)} but shown untrue {Durations.Describe(f.KnownAt)} (correction #{f.Correction})"));
                return obligation switch
                {
                    { CompletedAt: { } done, LateBy: null } => result with { Outcome = ExpectationOutcome.Met, Expected = obligation.Deadline, Actual = done, Detail = $"done {Durations.Describe(done)}, due {Durations.Describe(obligation.Deadline)}{untrue}" },
                    { CompletedAt: { } done, LateBy: { } late } => result with { Outcome = ExpectationOutcome.Late, Expected = obligation.Deadline, Actual = done, By = late, Detail = $"done {Durations.Describe(done)}, {Durations.Describe(late)} after its deadline {Durations.Describe(obligation.Deadline)}{untrue}" },
                    _ => result with { Expected = obligation.Deadline, By = obligation.OverdueBy, Detail = (obligation.OverdueBy is { } overdue ? $"never done: overdue by {Durations.Describe(overdue)} when the drill ended" : "never done (its deadline is after the end of the drill)") + untrue },
                };
            }

            case ClosedByExpectation closedBy:
            {
                var by = scenario.At(closedBy.By).ToOffset(zone);
                return incident!.ClosedAt switch
                {
                    { } closed when closed <= by => result with { Outcome = ExpectationOutcome.Met, Expected = by, Actual = closed, Detail = $"closed {Durations.Describe(closed)}" },
                    { } closed => result with { Outcome = ExpectationOutcome.Late, Expected = by, Actual = closed, By = closed - by, Detail = $"closed {Durations.Describe(closed)}, {Durations.Describe(closed - by)} late" },
                    _ => result with { Expected = by, Detail = $"not closed by the end of the drill ({incident.Phase.ToString().ToLowerInvariant()})" },
                };
            }

            case MaxOverdueExpectation maxOverdue:
            {
                // The hops of the reporting chain are owed by every level up to the State Council, not by the drilled
                // department alone: they show in the report's obligations and timeline, and are not scored here.
                var worst = (incident is null ? all : [incident])
                    .SelectMany(i => i.Obligations.Where(o => !o.Id.StartsWith($"{ObligationKind.ReportUp.Name()}-", StringComparison.Ordinal)).Select(o => (Incident: i.Name, Obligation: o, Overdue: o.LateBy ?? o.OverdueBy ?? TimeSpan.Zero)))
                    .OrderByDescending(w => w.Overdue)
                    .FirstOrDefault();
                if (worst.Obligation is null || worst.Overdue <= maxOverdue.Limit)
                {
                    var detail = worst.Obligation is null || worst.Overdue == TimeSpan.Zero
                        ? "no obligation was overdue"
                        : $"at most {Durations.Describe(worst.Overdue)} overdue ({worst.Incident}: {worst.Obligation.Id})";
                    return result with { Outcome = ExpectationOutcome.Met, Detail = detail };
                }

                return result with
                {
                    By = worst.Overdue - maxOverdue.Limit,
                    Detail = $"{worst.Incident}: {worst.Obligation.Id} {(worst.Obligation.CompletedAt is null ? "still open" : "done")}, {Durations.Describe(worst.Overdue)} past its deadline (limit {Durations.Describe(maxOverdue.Limit)})",
                };
            }

            case WarningRaisedExpectation raised:
            {
                var by = scenario.At(raised.By).ToOffset(zone);
                var subject = ComplaintClusterDetector.Normalise(raised.Enterprise ?? raised.Place);
                var warning = warnings.Where(w => ComplaintClusterDetector.Normalise(w.Subject) == subject).OrderBy(w => w.RaisedAt).FirstOrDefault();
                return warning switch
                {
                    { RaisedAt: var at } when at <= by => result with { Outcome = ExpectationOutcome.Met, Expected = by, Actual = at.ToOffset(zone), Detail = $"raised {Durations.Describe(at.ToOffset(zone))} on {warning.Complaints} complaints" },
                    { RaisedAt: var at } => result with { Outcome = ExpectationOutcome.Late, Expected = by, Actual = at.ToOffset(zone), By = at - by, Detail = $"raised only {Durations.Describe(at.ToOffset(zone))}, {Durations.Describe(at - by)} late" },
                    _ => result with { Expected = by, Detail = $"no warning about {raised.Enterprise ?? raised.Place} was raised" },
                };
            }

            default:
                return result with { Detail = $"unknown expectation kind {expectation.Kind}" };
        }
    }
}
