using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// Corrections of an incident (谎报, 瞒报, 漏报): what an earlier report, claim or step got wrong, kept for good; a step shown
/// untrue is open again.
/// </summary>
public sealed partial class Incident
{
    /// <summary>
    /// Checks a correction: that an earlier report, claim or step was untrue, concealed facts or left them out. The
    /// correction stays on the incident for good; a step it shows untrue no longer counts as done and is open again, its
    /// lateness still counted from its first deadline, so a false release never passes for information released on time.
    /// </summary>
    private void CheckCorrection(Validator check, RecordCorrection command, DateTimeOffset now)
    {
        check.Defined("kind", command.Kind)
            .Required("concerns", command.Concerns)
            .Required("declared", command.Declared, Validator.LongText)
            .Required("actual", command.Actual, Validator.LongText)
            .Optional("note", command.Note)
            .NotInFuture("knownAt", command.KnownAt, now);
        var subject = check.Errors.Any(e => e.Field == "concerns") ? null : Subject(command.Concerns.Trim(), check);
        if (subject is { } s)
        {
            check.NotBefore("knownAt", command.KnownAt, s.At, IncidentTexts.CorrectionSubject.With(("concerns", s.Name), ("at", s.At)));
        }
    }

    private void ApplyCorrection(RecordCorrection command, Actor actor, DateTimeOffset now)
    {
        // Checked before the machine was asked: the subject resolves.
        var target = Subject(command.Concerns.Trim(), new Validator())!.Value;
        var knownAt = command.KnownAt ?? now;
        var correction = new Correction
        {
            Number = State.Corrections.Count + 1,
            Kind = command.Kind,
            Concerns = target.Name,
            Report = target.Report,
            Obligation = target.Obligation?.Id,
            ConcernsAt = target.At,
            Declared = command.Declared.Trim(),
            Actual = command.Actual.Trim(),
            KnownAt = knownAt,
            RecordedAt = now,
            RecordedBy = actor.ToString(),
            Note = command.Note,
        };
        State.Corrections.Add(correction);
        var recorded = IncidentTexts.CorrectionRecorded.With(
            ("kind", Arg.Of(command.Kind)), ("number", correction.Number), ("concerns", target.Name), ("concernsAt", target.At),
            ("declared", correction.Declared), ("actual", correction.Actual), ("knownAt", knownAt));
        Append(knownAt, now, actor, TimelineKind.CorrectionRecorded, WithNote(recorded, Words(command.Note)), target.Obligation?.Id);
        if (target.Obligation is { } reopened)
        {
            Reopen(reopened, correction, now, actor);
        }
    }

    /// <summary>What a correction names, resolved: "registration", "report N", or a completed step by its id.</summary>
    private (string Name, DateTimeOffset At, int? Report, Obligation? Obligation)? Subject(string concerns, Validator check)
    {
        if (concerns == "registration")
        {
            return (concerns, State.DiscoveredAt, null, null);
        }

        var parts = concerns.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["report", var n])
        {
            if (!int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                check.Add("concerns", IncidentTexts.ConcernsShape);
                return null;
            }

            if (State.Reports.FirstOrDefault(r => r.Number == number) is not { } report)
            {
                check.Add("concerns", State.Reports.Count == 0
                    ? IncidentTexts.ConcernsNoReport.With(("number", number))
                    : IncidentTexts.ConcernsReportOutOfRange.With(("number", number), ("count", State.Reports.Count)));
                return null;
            }

            return ($"report {number}", report.At, number, null);
        }

        if (State.Obligations.FirstOrDefault(o => o.Id == concerns) is { } obligation)
        {
            if (obligation.Kind.IsReport())
            {
                check.Add("concerns", IncidentTexts.ConcernsDoneByReport.With(("concerns", concerns)));
                return null;
            }

            if (obligation.CompletedAt is not { } done)
            {
                check.Add("concerns", IncidentTexts.ConcernsNotCompleted.With(("concerns", concerns)));
                return null;
            }

            return (concerns, done, null, obligation);
        }

        check.Add("concerns", IncidentTexts.ConcernsShape);
        return null;
    }

    /// <summary>A completion shown untrue no longer counts: the obligation is open again, measured against its first deadline.</summary>
    private void Reopen(Obligation obligation, Correction correction, DateTimeOffset now, Actor actor)
    {
        obligation.ShownFalse.Add(new FalseCompletion
        {
            CompletedAt = obligation.CompletedAt!.Value,
            CompletedBy = obligation.CompletedBy,
            Note = obligation.Note,
            Correction = correction.Number,
            KnownAt = correction.KnownAt,
        });
        obligation.ForgetCompletion();
        obligation.Note = null;
        obligation.Notified = null;
        Append(correction.KnownAt, now, actor, TimelineKind.ObligationReopened,
            IncidentTexts.Reopened.With(("obligation", Arg.Of(obligation.Kind)), ("completedAt", correction.ConcernsAt), ("correction", correction.Number), ("due", obligation.EffectiveDeadline)),
            obligation.Id);
    }
}
