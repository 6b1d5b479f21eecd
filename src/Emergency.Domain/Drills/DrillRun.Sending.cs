using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>What to send for an inject, and what the answers leave behind: the incidents and decisions the drill holds.</summary>
public sealed partial class DrillRun
{
    /// <summary>
    /// What to send for an inject at <paramref name="moment"/>: the command the API would send, to the case it acts on, or
    /// the refusal when that case is not in the drill (or already is, for a report or a draft). A message sends nothing.
    /// </summary>
    public DrillSend? Plan(DueInject due, DateTimeOffset moment)
    {
        var scheduled = due.Scheduled;
        switch (scheduled.Inject)
        {
            case ComplaintFiled complaint:
                return new DrillSend.Complaint(due, new RegisterDispute
                {
                    Channel = complaint.Channel,
                    ReceivedBy = ReceivedBy.Department,
                    ReceivedAt = moment,
                    Unit = complaint.Unit,
                    // An invented caller is linked to their other calls by the contact, as a real one would be.
                    Complainant = complaint.Caller is { } caller ? new Complainant { Name = caller, Contact = $"drill caller: {caller}" } : null,
                    Subject = complaint.Subject,
                    Content = complaint.Text,
                });
            case DecisionStep { Command: DraftMajorDecision } draft:
                return Progress.Decisions.ContainsKey(draft.Decision)
                    ? new DrillSend.Refusal(due, Refusal(due, moment, ScenarioTexts.DecisionAlreadyIn.With(("decision", draft.Decision)), DecisionRefusals.NotInDrill))
                    : new DrillSend.NewDecision(due, draft.Decision, draft.Command);
            case DecisionStep step:
                return Progress.Decisions.TryGetValue(step.Decision, out var decisionId)
                    ? new DrillSend.ToDecision(due, step.Decision, decisionId, step.Command)
                    : new DrillSend.Refusal(due, Refusal(due, moment, ScenarioTexts.DecisionDraftRefused.With(("decision", step.Decision)), DecisionRefusals.NotInDrill));
            case WarningEscalated escalated:
                return Progress.Incidents.ContainsKey(escalated.Incident)
                    ? new DrillSend.Refusal(due, Refusal(due, moment, ScenarioTexts.IncidentAlreadyIn.With(("incident", escalated.Incident))))
                    : new DrillSend.Escalation(due, escalated.Incident, new EscalateWarning
                    {
                        Title = escalated.Title,
                        Region = escalated.Region,
                        DiscoveredAt = Scenario.At(escalated.Discovered ?? scheduled.At),
                        Facts = escalated.Facts.ApplyTo(new IncidentFacts()),
                        Note = escalated.Description,
                    });
            case IncidentReported reported:
                return Progress.Incidents.ContainsKey(reported.Incident)
                    ? new DrillSend.Refusal(due, Refusal(due, moment, ScenarioTexts.IncidentAlreadyIn.With(("incident", reported.Incident))))
                    : new DrillSend.NewIncident(due, reported.Incident, reported.Command(Scenario, scheduled.At));
            case IncidentInject acting:
                return Progress.Incidents.TryGetValue(acting.Incident, out var track)
                    ? new DrillSend.ToIncident(due, acting.Incident, track.Id, acting.Command(Scenario, scheduled.At))
                    : new DrillSend.Refusal(due, Refusal(due, moment, ScenarioTexts.IncidentReportRefused.With(("incident", acting.Incident))));
            default:
                return null;
        }
    }

    /// <summary>
    /// The early warning an escalation turns into its incident: the oldest not yet escalated about the inject's enterprise
    /// or place, however the subject is spelt; or the refusal when none stands.
    /// </summary>
    public (EarlyWarningRecord? Warning, RefusedInject? Refusal) WarningFor(DrillSend.Escalation escalation, IEnumerable<EarlyWarningRecord> warnings, DateTimeOffset moment)
    {
        var escalated = (WarningEscalated)escalation.Due.Scheduled.Inject;
        var subject = escalated.Enterprise ?? escalated.Place!;
        var kind = escalated.Enterprise is not null ? ClusterSubjectKind.Enterprise : ClusterSubjectKind.Place;
        var key = ComplaintClusterDetector.Normalise(subject);
        var warning = warnings.Where(w => w.SubjectKind == kind && ComplaintClusterDetector.Normalise(w.Subject) == key && w.Escalation is null)
            .OrderBy(w => w.RaisedAt)
            .FirstOrDefault();
        return warning is null
            ? (null, Refusal(escalation.Due, moment, ScenarioTexts.NoWarningToEscalate.With(("subject", subject), ("at", Offsets.Format(escalation.Due.Scheduled.At)))))
            : (warning, null);
    }

    /// <summary>An incident came into the drill (reported, or escalated from a warning) as <paramref name="view"/> shows it.</summary>
    public void Registered(string incident, string id, DueInject by, IncidentView view, DateTimeOffset moment)
    {
        Progress.Incidents[incident] = new DrillIncidentTrack
        {
            Id = id, Sequence = by.Scheduled.Sequence, Facts = view.Facts, Levels = [new LevelAt(moment, view.Grade.Level)],
        };
        Woke(incident, view.Obligations);
    }

    /// <summary>An incident of the drill answered a move; its facts, level and deadlines are as <paramref name="after"/> shows, when it shows them.</summary>
    public void Answered(string incident, IncidentView? after, DateTimeOffset moment)
    {
        if (after is null)
        {
            return;
        }

        var track = Progress.Incidents[incident];
        track.Facts = after.Facts;
        if (track.Levels.Count == 0 || track.Levels[^1].Level != after.Grade.Level)
        {
            track.Levels.Add(new LevelAt(moment, after.Grade.Level));
        }

        Woke(incident, after.Obligations);
    }

    /// <summary>A major decision came into the drill under its engine id.</summary>
    public void Drafted(string decision, string id) => Progress.Decisions[decision] = id;

    /// <summary>The refusal of an inject, with the incident, or the decision and step, it was for.</summary>
    public static RefusedInject Refusal(DueInject due, DateTimeOffset moment, Message reason, string? code = null)
    {
        var offset = Offsets.Format(due.Scheduled.At);
        return due.Scheduled.Inject switch
        {
            DecisionStep step => new(moment, offset, step.Where.Line, step.Kind, null, reason, step.Decision, step.Action, code),
            IncidentInject acting => new(moment, offset, acting.Where.Line, acting.Kind, acting.Incident, reason),
            var other => new(moment, offset, other.Where.Line, other.Kind, null, reason),
        };
    }
}

/// <summary>What the drill sends for one inject: a command to a case, as the API sends it, or the refusal decided before sending.</summary>
public abstract record DrillSend(DueInject Due)
{
    /// <summary>Not sent: the case it acts on is not in the drill, or is already.</summary>
    public sealed record Refusal(DueInject Due, RefusedInject Refused) : DrillSend(Due);

    /// <summary>A complaint registered as a dispute of its own.</summary>
    public sealed record Complaint(DueInject Due, RegisterDispute Command) : DrillSend(Due);

    /// <summary>A report that brings an incident into the drill, under the name <paramref name="Incident"/>.</summary>
    public sealed record NewIncident(DueInject Due, string Incident, IncidentCommand Command) : DrillSend(Due);

    /// <summary>A move of an incident already in the drill.</summary>
    public sealed record ToIncident(DueInject Due, string Incident, string Id, IncidentCommand Command) : DrillSend(Due);

    /// <summary>An early warning escalated into the incident <paramref name="Incident"/>.</summary>
    public sealed record Escalation(DueInject Due, string Incident, EscalateWarning Command) : DrillSend(Due);

    /// <summary>A draft that brings a major decision into the drill.</summary>
    public sealed record NewDecision(DueInject Due, string Decision, MajorDecisionCommand Command) : DrillSend(Due);

    /// <summary>A step of a major decision already in the drill.</summary>
    public sealed record ToDecision(DueInject Due, string Decision, string Id, MajorDecisionCommand Command) : DrillSend(Due);
}
