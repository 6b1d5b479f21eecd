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
            check.NotBefore("knownAt", command.KnownAt, s.At, $"what it corrects ({s.Name}, {Durations.Describe(s.At)})");
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
        Append(knownAt, now, actor, TimelineKind.CorrectionRecorded,
            $"{Capitalised(command.Kind.Title())} #{correction.Number} in {target.Name} ({Durations.Describe(target.At)}): declared \"{correction.Declared}\", real \"{correction.Actual}\"; known {Durations.Describe(knownAt)}{(command.Note is { Length: > 0 } note ? $": {note}" : "")}",
            target.Obligation?.Id);
        if (target.Obligation is { } reopened)
        {
            Reopen(reopened, correction, now, actor);
        }
    }

    /// <summary>What a correction names, resolved: "registration", "report N", or a completed step by its id.</summary>
    private (string Name, DateTimeOffset At, int? Report, Obligation? Obligation)? Subject(string concerns, Validator check)
    {
        const string Shape = "must be registration, report N (a filed report by its number) or the id of a completed step such as releaseInformation";
        if (concerns == "registration")
        {
            return (concerns, State.DiscoveredAt, null, null);
        }

        var parts = concerns.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["report", var n])
        {
            if (!int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                check.Add("concerns", Shape);
                return null;
            }

            if (State.Reports.FirstOrDefault(r => r.Number == number) is not { } report)
            {
                check.Add("concerns", State.Reports.Count == 0 ? $"there is no report {number}: no report has been filed" : $"there is no report {number}: reports are numbered 1 to {State.Reports.Count}");
                return null;
            }

            return ($"report {number}", report.At, number, null);
        }

        if (State.Obligations.FirstOrDefault(o => o.Id == concerns) is { } obligation)
        {
            if (obligation.Kind.IsReport())
            {
                check.Add("concerns", $"'{concerns}' is done by filing a report: name the report, as report N");
                return null;
            }

            if (obligation.CompletedAt is not { } done)
            {
                check.Add("concerns", $"'{concerns}' is not completed: there is no completion to correct");
                return null;
            }

            return (concerns, done, null, obligation);
        }

        check.Add("concerns", Shape);
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
        obligation.CompletedAt = null;
        obligation.RecordedAt = null;
        obligation.CompletedBy = null;
        obligation.Note = null;
        obligation.Notified = null;
        Append(correction.KnownAt, now, actor, TimelineKind.ObligationReopened,
            $"{Capitalised(obligation.Kind.Title())} is open again: its completion of {Durations.Describe(correction.ConcernsAt)} was shown untrue (correction #{correction.Number}); it was due {Durations.Describe(obligation.EffectiveDeadline)}", obligation.Id);
    }
}
