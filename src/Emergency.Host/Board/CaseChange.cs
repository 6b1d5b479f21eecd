using Emergency.Contracts;

namespace Emergency.Host.Board;

/// <summary>
/// What a board receives for a change of any kind of case: its scope, its kind (the lane it goes to, named as the
/// snapshot of <c>GET /api/board</c> lists it), the whole summary at its version, and whether the case closed (it
/// then leaves the board, and an older version arriving late must not bring it back).
/// </summary>
public sealed record CaseChange(string Scope, string Kind, object Summary, bool Closed)
{
    /// <summary>The one hub method every change arrives by.</summary>
    public const string Method = "caseChanged";

    /// <summary>The change an update of the cluster's feed carries; null for a kind no board shows (a suggestion).</summary>
    public static CaseChange? Of(BoardUpdate update) => update switch
    {
        { Incident: { } incident } => new(update.Scope, "incident", incident, incident.IsClosed),
        { Dispute: { } dispute } => new(update.Scope, "dispute", dispute, dispute.IsClosed),
        { Decision: { } decision } => new(update.Scope, "decision", decision, decision.IsClosed),
        { Enforcement: { } enforcement } => new(update.Scope, "enforcement", enforcement, enforcement.IsClosed),
        { Warning: { } warning } => new(update.Scope, "warning", warning, Closed: false),
        _ => null,
    };
}
