namespace Emergency.Grains.Cases;

/// <summary>
/// How long a closed petition or suggestion keeps its personal data (<c>Privacy:PurgeAfterClosure</c>); then the engine
/// erases it on its own clock, records it in the case's timeline and the audit trail, and the case keeps its procedure.
/// </summary>
/// <param name="AfterClosure">The time from the closing move to the purge.</param>
public sealed record PersonalDataRetention(TimeSpan AfterClosure)
{
    public const string Setting = "Privacy:PurgeAfterClosure";

    /// <summary>
    /// Three years. No rule known to us sets how long a working system keeps a petitioner's details after the case is
    /// closed (the archive periods of 信访档案 govern the archived files, not this engine), and PIPL art. 19 asks for the
    /// shortest time the purpose needs. Three years outlasts the repeat-complaint look-back of every shipped rule set
    /// (365 days), so a person who comes back is still linked, and equals the general limitation period of claims
    /// (民法典 art. 188), within which a complaint about the handling may still come. docs/security.md says so.
    /// </summary>
    public static PersonalDataRetention Default { get; } = new(TimeSpan.FromDays(3 * 365));
}
