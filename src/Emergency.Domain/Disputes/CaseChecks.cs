using Emergency.Domain.Calendar;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>The field checks petitions and suggestions share, with limits a person can understand.</summary>
internal static class CaseChecks
{
    public static Validator Assignment(IFourFixedPoints command, DateTimeOffset now, DateTimeOffset start)
    {
        var at = command.At ?? now;
        var check = new Validator()
            .Required("leader", command.Leader)
            .Required("unit", command.Unit)
            .Required("requirement", command.Requirement, Validator.LongText)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, start, DisputeTexts.EventReachedDepartment);
        if (command.Deadline <= at)
        {
            check.Add("deadline", DisputeTexts.NotAfterAssignment.With(("deadline", command.Deadline), ("at", at)));
        }

        return check;
    }

    public static Validator Answer(IAnswer command, DateTimeOffset now, DateTimeOffset earliest, Message what) =>
        new Validator()
            .Required("content", command.Content, Validator.LongText)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, earliest, what);

    /// <summary>An extension's approval: who, why, and when (not before <paramref name="earliest"/>, the event named by <paramref name="what"/>).</summary>
    public static Validator ExtensionApproval(Validator check, IExtensionApproval command, DateTimeOffset now, DateTimeOffset earliest, Message what) =>
        check.Required("approvedBy", command.ApprovedBy)
            .Required("reason", command.Reason, Validator.LongText)
            .NotInFuture("approvedAt", command.ApprovedAt, now)
            .NotBefore("approvedAt", command.ApprovedAt, earliest, what);

    /// <summary>A length asked for fits in what the rule set's extension leaves after the <paramref name="already"/> granted.</summary>
    public static void ExtensionLength(Validator check, IExtensionApproval command, ExtensionRule? rule, int already, string ruleSetId)
    {
        if (rule is not null && command.Length is { } asked && (asked < 1 || asked + already > rule.Length))
        {
            check.Add("length", DisputeTexts.ExtensionLength.With(("max", rule.Length - already), ("most", WorkingCalendar.Describe(rule.Length, rule.Unit)), ("ruleSet", ruleSetId)));
        }
    }

    public static void EarlierCases(Validator check, string field, IReadOnlyList<string>? ids, string ownId)
    {
        if (ids is null)
        {
            check.Add(field, DisputeTexts.CaseIdsList);
            return;
        }

        if (ids.Count > 100)
        {
            check.Add(field, DisputeTexts.TooManyCases.With(("count", ids.Count)));
            return;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            check.Required($"{field}[{i}]", ids[i]);
            if (ids[i]?.Trim() == ownId)
            {
                check.Add($"{field}[{i}]", DisputeTexts.ThisCaseItself);
            }
        }
    }

    public static void Complainant(Validator check, Complainant? complainant)
    {
        if (complainant is null)
        {
            return;
        }

        check.Optional("complainant.name", complainant.Name, Validator.ShortText)
            .Optional("complainant.contact", complainant.Contact, Validator.ShortText);

        // Never echo the value: refusal messages reach logs.
        if (complainant.IdNumber is { } idNumber && !IdNumbers.IsValid(idNumber))
        {
            check.Add("complainant.idNumber", DisputeTexts.NotAnIdNumber);
        }
    }
}
