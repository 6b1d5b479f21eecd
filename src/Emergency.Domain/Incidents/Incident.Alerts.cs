using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// Alerts acknowledged (警报确认): an alert is a step overdue and not done, or falling due within the hour, computed from
/// the obligations as they stand. Acknowledging one records who took it on and when, in the obligation and the timeline.
/// </summary>
public sealed partial class Incident
{
    /// <summary>A step falling due within this long is an alert already; the board's lane uses the same hour.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(1);

    private static void DeclareAlerts(CaseProcedure<Incident, IncidentPhase, IncidentCommand> steps) =>
        steps.In(IncidentPhase.Open)
            .InternalIf<AcknowledgeAlert>(static (i, m) => m.Command is AcknowledgeAlert ack && i.AcknowledgementBlocked(ack, m.Now, out _) == AlertBlock.None,
                static (i, c, a, now) => i.ApplyAlertAcknowledgement(c, a, now),
                "the step is open, overdue or due within the hour, and its alert not acknowledged in that state yet");

    private static void CheckAlert(Validator check, AcknowledgeAlert acknowledgement) =>
        check.Required("obligation", acknowledgement.Obligation)
            .Optional("note", acknowledgement.Note);

    /// <summary>Why an alert cannot be acknowledged now, if it cannot.</summary>
    private Message? WhyNotAcknowledge(AcknowledgeAlert acknowledgement, DateTimeOffset now) =>
        AcknowledgementBlocked(acknowledgement, now, out var obligation) switch
        {
            AlertBlock.None => null,
            AlertBlock.UnknownObligation => AlertTexts.UnknownObligation.With(
                ("obligation", acknowledgement.Obligation ?? ""), ("known", Arg.Of(State.Obligations.Select(o => Arg.Of(o.Id))))),
            AlertBlock.AlreadyDone => AlertTexts.AlreadyDone.With(("obligation", Arg.Of(obligation!.Kind)), ("at", obligation.CompletedAt!.Value)),
            AlertBlock.NotAnAlert => AlertTexts.NotAnAlert.With(("obligation", Arg.Of(obligation!.Kind)), ("due", obligation.DueAt)),
            _ => AlertTexts.AlreadyAcknowledged.With(
                ("obligation", Arg.Of(obligation!.Kind)), ("at", obligation.Acknowledged!.At), ("by", obligation.Acknowledged.By)),
        };

    /// <summary>
    /// What stands in the way of acknowledging an alert now, if anything, without saying it: the moves allowed ask this
    /// of every obligation with every answer, and most are no alert at all.
    /// </summary>
    private AlertBlock AcknowledgementBlocked(AcknowledgeAlert acknowledgement, DateTimeOffset now, out Obligation? obligation)
    {
        var id = acknowledgement.Obligation?.Trim();
        obligation = null;
        foreach (var candidate in State.Obligations)
        {
            if (candidate.Id == id)
            {
                obligation = candidate;
                break;
            }
        }

        if (obligation is null)
        {
            return AlertBlock.UnknownObligation;
        }

        if (obligation.IsCompleted)
        {
            return AlertBlock.AlreadyDone;
        }

        var overdue = now > obligation.EffectiveDeadline;
        if (!overdue && obligation.DueAt - now > DueSoonWindow)
        {
            return AlertBlock.NotAnAlert;
        }

        // An acknowledgement while the step was due soon does not cover it once it is overdue: that is a new alert.
        return obligation.Acknowledged is { } known && known.Overdue == overdue ? AlertBlock.AlreadyAcknowledged : AlertBlock.None;
    }

    private void ApplyAlertAcknowledgement(AcknowledgeAlert command, Actor actor, DateTimeOffset now)
    {
        var obligation = State.Obligations.First(o => o.Id == command.Obligation.Trim());
        var overdue = now > obligation.EffectiveDeadline;
        obligation.Acknowledged = new AlertAcknowledgement(now, actor.ToString(), overdue);
        var text = (overdue ? AlertTexts.AcknowledgedOverdue : AlertTexts.AcknowledgedDueSoon).With(
            ("obligation", Arg.Of(obligation.Kind)), ("due", overdue ? obligation.EffectiveDeadline : obligation.DueAt));
        Append(now, now, actor, TimelineKind.AlertAcknowledged, WithNote(text, Words(command.Note)), obligation.Id);
    }

    /// <summary>What stands in the way of acknowledging an alert (<see cref="AcknowledgementBlocked"/>).</summary>
    private enum AlertBlock
    {
        None,
        UnknownObligation,
        AlreadyDone,
        NotAnAlert,
        AlreadyAcknowledged,
    }
}
