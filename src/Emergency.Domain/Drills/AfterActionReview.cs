using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>
/// The after-action review of a drill in the shape HSEEP's After-Action Report / Improvement Plan gives it: the
/// objectives (the scenario's expectations) with a performance rating, the strengths, the areas for improvement and an
/// improvement plan with one corrective action per area, all drawn from the drill's scoring (<see cref="DrillReport"/>).
/// </summary>
public sealed record AfterActionReview(
    IReadOnlyList<DrillObjective> Objectives,
    IReadOnlyList<DrillFinding> Strengths,
    IReadOnlyList<DrillFinding> AreasForImprovement,
    IReadOnlyList<ImprovementAction> ImprovementPlan)
{
    public static AfterActionReview Of(DrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var objectives = report.Expectations.Select(x => new DrillObjective(x.Number, x.Description, x.Incident, Rating(x.Outcome), x.Detail)).ToList();
        List<DrillFinding> strengths =
        [
            .. report.Expectations.Where(x => x.Outcome == ExpectationOutcome.Met)
                .Select(x => new DrillFinding(AfterActionTexts.ObjectiveMet.With(("objective", x.Description)), x.Incident, x.Actual, null)),
            .. report.Incidents.SelectMany(i => i.Obligations.Where(o => o.Status == ObligationStatus.Completed && o.CompletedAt is not null).Select(o =>
                new DrillFinding(AfterActionTexts.OnTime.With(("incident", i.Name), ("obligation", o.Title), ("at", o.CompletedAt!.Value), ("margin", o.Deadline - o.CompletedAt!.Value)), i.Name, o.CompletedAt, null))),
        ];

        var areas = new List<(DrillFinding Finding, Message Action, Message Owner)>();
        foreach (var x in report.Expectations.Where(x => x.Outcome != ExpectationOutcome.Met))
        {
            var issue = x.Outcome == ExpectationOutcome.Late
                ? AfterActionTexts.ObjectiveLate.With(("objective", x.Description), ("by", x.By ?? TimeSpan.Zero), ("detail", x.Detail))
                : AfterActionTexts.ObjectiveMissed.With(("objective", x.Description), ("detail", x.Detail));
            areas.Add((new DrillFinding(issue, x.Incident, x.Actual ?? x.Expected, x.Number), AfterActionTexts.ReviewObjective.With(("objective", x.Description)), AfterActionTexts.DutyCommanders));
        }

        foreach (var incident in report.Incidents)
        {
            foreach (var o in incident.Obligations)
            {
                if (o.LateBy is { } late && o.CompletedAt is { } at)
                {
                    areas.Add((new DrillFinding(AfterActionTexts.StepLate.With(("incident", incident.Name), ("obligation", o.Title), ("at", at), ("by", late)), incident.Name, at, null),
                        AfterActionTexts.FixStep.With(("obligation", o.Title), ("basis", o.DeadlineBasis)), AfterActionTexts.DutyCommanders));
                }
                else if (o.OverdueBy is { } overdue)
                {
                    areas.Add((new DrillFinding(AfterActionTexts.StepOverdue.With(("incident", incident.Name), ("obligation", o.Title), ("by", overdue)), incident.Name, o.Deadline, null),
                        AfterActionTexts.FixStep.With(("obligation", o.Title), ("basis", o.DeadlineBasis)), AfterActionTexts.DutyCommanders));
                }
            }

            foreach (var c in incident.Corrections)
            {
                areas.Add((new DrillFinding(AfterActionTexts.Corrected.With(("incident", incident.Name), ("kind", Arg.Of(c.Kind)), ("concerns", c.Concerns)), incident.Name, c.KnownAt, null),
                    AfterActionTexts.VerifyReports.With(("kind", Arg.Of(c.Kind))), AfterActionTexts.DutyCommanders));
            }
        }

        foreach (var refused in report.Refused)
        {
            areas.Add((new DrillFinding(AfterActionTexts.Refused.With(("line", refused.Line), ("inject", refused.Kind), ("reason", refused.Reason)), refused.Incident, refused.At, null),
                AfterActionTexts.TrainProcedure.With(("reason", refused.Reason)), AfterActionTexts.Organiser));
        }

        return new AfterActionReview(
            objectives,
            strengths,
            [.. areas.Select(a => a.Finding)],
            [.. areas.Select((a, i) => new ImprovementAction(i + 1, a.Finding.Text, a.Action, a.Owner))]);
    }

    /// <summary>HSEEP's rating of an objective from the scoring: met is performed without challenges, late with some, missed unable.</summary>
    public static PerformanceRating Rating(ExpectationOutcome outcome) => outcome switch
    {
        ExpectationOutcome.Met => PerformanceRating.Performed,
        ExpectationOutcome.Late => PerformanceRating.SomeChallenges,
        _ => PerformanceRating.Unable,
    };
}

/// <summary>An objective of the drill (an expectation of its scenario) and how it was performed.</summary>
public sealed record DrillObjective(int Number, string Description, string? Incident, PerformanceRating Rating, string Detail);

/// <summary>A strength or an area for improvement, with the incident and the moment it concerns, and the objective (expectation) it came from, if one.</summary>
public sealed record DrillFinding(Message Text, string? Incident, DateTimeOffset? At, int? Objective);

/// <summary>One row of the improvement plan: the issue (an area for improvement), the corrective action and who owns it.</summary>
public sealed record ImprovementAction(int Number, Message Issue, Message Action, Message Owner);

/// <summary>
/// HSEEP's ratings of an objective (P, S, U). The fourth, M (performed with major challenges), is a judgement the
/// scoring cannot make: an evaluator writes it.
/// </summary>
public enum PerformanceRating
{
    /// <summary>P: performed without challenges.</summary>
    Performed,

    /// <summary>S: performed with some challenges (late).</summary>
    SomeChallenges,

    /// <summary>U: unable to be performed (missed).</summary>
    Unable,
}

/// <summary>What the after-action review says: its findings and corrective actions.</summary>
public static class AfterActionTexts
{
    public static readonly MessageCode ObjectiveMet = new("aar.objectiveMet", "objective");

    public static readonly MessageCode OnTime = new("aar.onTime", "incident", "obligation", "at", "margin");

    public static readonly MessageCode ObjectiveLate = new("aar.objectiveLate", "objective", "by", "detail");

    public static readonly MessageCode ObjectiveMissed = new("aar.objectiveMissed", "objective", "detail");

    public static readonly MessageCode StepLate = new("aar.stepLate", "incident", "obligation", "at", "by");

    public static readonly MessageCode StepOverdue = new("aar.stepOverdue", "incident", "obligation", "by");

    public static readonly MessageCode Corrected = new("aar.corrected", "incident", "kind", "concerns");

    public static readonly MessageCode Refused = new("aar.refused", "line", "inject", "reason");

    public static readonly MessageCode ReviewObjective = new("aar.action.reviewObjective", "objective");

    public static readonly MessageCode FixStep = new("aar.action.fixStep", "obligation", "basis");

    public static readonly MessageCode VerifyReports = new("aar.action.verifyReports", "kind");

    public static readonly MessageCode TrainProcedure = new("aar.action.trainProcedure", "reason");

    public static readonly MessageCode DutyCommanders = new("aar.owner.dutyCommanders");

    public static readonly MessageCode Organiser = new("aar.owner.organiser");
}
