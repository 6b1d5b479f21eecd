using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Orleans.Concurrency;

namespace Emergency.Grains.Drills;

/// <summary>
/// Sending: the run says what is due and what to send; the grain sends it to the cases as the API would, and gives the
/// answers back to the run.
/// </summary>
public sealed partial class DrillGrain
{
    private readonly Dictionary<string, IIncidentGrain> _incidentGrains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IMajorDecisionGrain> _decisionGrains = new(StringComparer.Ordinal);

    /// <summary>
    /// Applies every moment up to <paramref name="target"/>: at each, first the incidents whose deadlines
    /// passed are advanced, then the injects due are applied. Returns false when the budget ran out first.
    /// </summary>
    private async Task<bool> RunUntil(DateTimeOffset target, int budget)
    {
        while (budget > 0)
        {
            if (Drill.Due(target) is not { } due)
            {
                return true;
            }

            if (due.Advance.Count > 0)
            {
                var summaries = await Task.WhenAll(due.Advance.Select(name => IncidentOf(name).AdvanceInDrill(due.Moment)));
                for (var i = 0; i < due.Advance.Count; i++)
                {
                    Drill.Woke(due.Advance[i], summaries[i].Value?.Obligations);
                    ChangedIncident(State.Incidents[due.Advance[i]].Id);
                }
            }

            Drill.Done(due, await Apply(due));
            budget -= Math.Max(1, due.Advance.Count + due.Injects.Count);
        }

        return false;
    }

    /// <summary>
    /// Sends the injects of one moment: complaints first, in their order (an escalation at the same moment finds their
    /// warning), then those of different cases side by side and those of one case in their order. Returns the refusals;
    /// the run records them in sequence order, so the order in which answers arrive never shows.
    /// </summary>
    private async Task<List<(int Sequence, RefusedInject Refusal)>> Apply(DueMoment due)
    {
        var refused = new List<(int, RefusedInject)>();
        foreach (var complaint in due.Injects.Where(i => i.Scheduled.Inject is ComplaintFiled))
        {
            if (await FileComplaint((DrillSend.Complaint)Drill.Plan(complaint, due.Moment)!, due.Moment) is { } why)
            {
                refused.Add((complaint.Scheduled.Sequence, why));
            }
        }

        var groups = due.Injects.Where(i => DrillRun.CaseOf(i.Scheduled.Inject) is not null)
            .GroupBy(i => DrillRun.CaseOf(i.Scheduled.Inject)!, StringComparer.Ordinal)
            .ToList();
        var outcomes = await Task.WhenAll(groups.Select(async group =>
        {
            var results = new List<(int, RefusedInject)>();
            foreach (var inject in group)
            {
                if (await Send(inject, due.Moment) is { } why)
                {
                    results.Add((inject.Scheduled.Sequence, why));
                }
            }

            return results;
        }));
        refused.AddRange(outcomes.SelectMany(o => o));
        return refused;
    }

    private async Task<RefusedInject?> FileComplaint(DrillSend.Complaint complaint, DateTimeOffset moment)
    {
        var scheduled = complaint.Due.Scheduled;
        var context = ContextOf(complaint.Due, $"drill/{RunId}/{scheduled.Sequence}.{scheduled.Copy}", moment) with { Scope = Scope };
        var id = DrillIds.Dispute(RunId, scheduled.Sequence, scheduled.Copy);
        var registered = await GrainFactory.GetGrain<IDisputeGrain>(id).Execute(complaint.Command, context);
        ChangedDispute(id);
        FirstTime(registered, complaint.Due);
        return Accepted(registered.Status) ? null : DrillRun.Refusal(complaint.Due, moment, registered.Decision?.Reason ?? Message.Literal(registered.Status.ToString()));
    }

    /// <summary>Sends one inject to the case it acts on, as the API would, and records in the run what the answer leaves behind.</summary>
    private async Task<RefusedInject?> Send(DueInject due, DateTimeOffset moment)
    {
        var context = ContextOf(due, $"drill/{RunId}/{due.Scheduled.Sequence}", moment);
        switch (Drill.Plan(due, moment))
        {
            case DrillSend.Refusal refusal:
                return refusal.Refused;
            case DrillSend.Escalation escalation:
                return await Escalate(escalation, context, moment);
            case DrillSend.NewIncident report:
            {
                var id = DrillIds.Incident(RunId, report.Incident);
                var registered = FirstTime(await Move(IncidentGrain(id), report.Command, context with { Scope = Scope }), due);
                ChangedIncident(id);
                if (Accepted(registered.Status) && registered.View is { } view)
                {
                    Drill.Registered(report.Incident, id, due, view, moment);
                    return null;
                }

                return DrillRun.Refusal(due, moment, registered.Decision?.Reason ?? Message.Literal(registered.Status.ToString()));
            }

            case DrillSend.ToIncident move:
            {
                var result = FirstTime(await Move(IncidentGrain(move.Id), move.Command, context), due);
                ChangedIncident(move.Id);
                Drill.Answered(move.Incident, result.View, moment);
                return Accepted(result.Status) ? null : DrillRun.Refusal(due, moment, result.Decision?.Reason ?? Message.Literal(result.Status.ToString()));
            }

            case DrillSend.NewDecision draft:
            {
                var id = DrillIds.Decision(RunId, draft.Decision);
                var result = FirstTime(await Move(DecisionGrain(id), draft.Command, context with { Scope = Scope }), due);
                ChangedDecision(id);
                if (Accepted(result.Status))
                {
                    Drill.Drafted(draft.Decision, id);
                }

                return StepRefused(due, result, moment);
            }

            case DrillSend.ToDecision step:
                ChangedDecision(step.Id);
                return StepRefused(due, FirstTime(await Move(DecisionGrain(step.Id), step.Command, context), due), moment);
            default:
                return null;
        }
    }

    /// <summary>A step of a major decision the procedure refuses is a lesson of the drill, with the refusal's code.</summary>
    private static RefusedInject? StepRefused(DueInject due, CommandResult<MajorDecisionView> result, DateTimeOffset moment) =>
        Accepted(result.Status)
            ? null
            : DrillRun.Refusal(due, moment, result.Decision?.Reason ?? Message.Literal(result.Status.ToString()), DecisionRefusals.CodeOf(result.Decision?.Reason) ?? (result.Status == CommandStatus.Invalid ? DecisionRefusals.Invalid : null));

    /// <summary>Escalates the early warning about the inject's subject into the drill's incident of that name.</summary>
    private async Task<RefusedInject?> Escalate(DrillSend.Escalation escalation, CommandContext context, DateTimeOffset moment)
    {
        var warnings = await GrainFactory.GetGrain<IWarningDirectoryGrain>(Scope).List();
        var (warning, none) = Drill.WarningFor(escalation, warnings, moment);
        if (warning is null)
        {
            NotEscalatedBefore(warnings, escalation.Due, moment);
            return none;
        }

        var result = FirstTime(await GrainFactory.GetGrain<IWarningGrain>(warning.Id).Escalate(escalation.Command, context), escalation.Due);
        if (result is not { Status: CommandStatus.Accepted or CommandStatus.Replayed, View.Escalation: { } escalated })
        {
            return DrillRun.Refusal(escalation.Due, moment, result.Decision?.Reason ?? Message.Literal(result.Status.ToString()));
        }

        var view = await GrainFactory.GetGrain<IIncidentGrain>(escalated.IncidentId).GetView();
        if (view is null)
        {
            return DrillRun.Refusal(escalation.Due, moment, ScenarioTexts.EscalatedUnreadable.With(("incident", escalated.IncidentId)));
        }

        Drill.Registered(escalation.Incident, escalated.IncidentId, escalation.Due, view, moment);
        return null;
    }

    private static bool Accepted(CommandStatus status) => status is CommandStatus.Accepted or CommandStatus.Replayed;

    /// <summary>A fast run's move goes by reference (<see cref="IDrillCaseGrain{TCommand, TView, TSummary}.ExecuteInDrill"/>); a paced run's as the API sends it.</summary>
    private Task<CommandResult<IncidentView>> Move(IIncidentGrain incident, IncidentCommand command, CommandContext context) =>
        Defers ? incident.ExecuteInDrill(command.AsImmutable(), context) : incident.Execute(command, context);

    private Task<CommandResult<MajorDecisionView>> Move(IMajorDecisionGrain matter, MajorDecisionCommand command, CommandContext context) =>
        Defers ? matter.ExecuteInDrill(command.AsImmutable(), context) : matter.Execute(command, context);

    /// <summary>The incident grain of engine id <paramref name="id"/>: its reference is kept, since resolving one costs more than the move it carries.</summary>
    private IIncidentGrain IncidentGrain(string id) => Kept(_incidentGrains, id, GrainFactory.GetGrain<IIncidentGrain>);

    private IMajorDecisionGrain DecisionGrain(string id) => Kept(_decisionGrains, id, GrainFactory.GetGrain<IMajorDecisionGrain>);

    private static TGrain Kept<TGrain>(Dictionary<string, TGrain> kept, string id, Func<string, string?, TGrain> resolve)
    {
        if (!kept.TryGetValue(id, out var grain))
        {
            grain = resolve(id, null);
            kept[id] = grain;
        }

        return grain;
    }
}
