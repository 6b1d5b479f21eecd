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
            .NotBefore("at", command.At, start, "the case reached the department");
        if (command.Deadline <= at)
        {
            check.Add("deadline", $"{Durations.Describe(command.Deadline)} is not after the assignment ({Durations.Describe(at)})");
        }

        return check;
    }

    public static Validator Answer(IAnswer command, DateTimeOffset now, DateTimeOffset earliest, string what) =>
        new Validator()
            .Required("content", command.Content, Validator.LongText)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, earliest, what);

    public static void EarlierCases(Validator check, string field, IReadOnlyList<string>? ids, string ownId)
    {
        if (ids is null)
        {
            check.Add(field, "must be a list of case ids");
            return;
        }

        if (ids.Count > 100)
        {
            check.Add(field, $"names {ids.Count} cases; at most 100 are allowed");
            return;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            check.Required($"{field}[{i}]", ids[i]);
            if (ids[i]?.Trim() == ownId)
            {
                check.Add($"{field}[{i}]", "is this case itself");
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
            check.Add("complainant.idNumber", "is not a resident identity card number (18 characters with a valid check digit, or 15 digits)");
        }
    }
}
