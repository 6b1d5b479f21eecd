namespace Emergency.Grains.Cases;

/// <summary>
/// The state name of each kind of case: the key of its stored state and of its rows in the case index. Renaming one
/// would orphan every stored case of the kind.
/// </summary>
public static class CaseKinds
{
    public const string Incident = "incident";

    public const string Dispute = "dispute";

    public const string Suggestion = "suggestion";

    public const string Decision = "decision";

    public const string Enforcement = "enforcement";

    public const string Disclosure = "disclosure";
}
