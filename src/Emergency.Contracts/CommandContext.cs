using Emergency.Domain;

namespace Emergency.Contracts;

/// <summary>
/// Who sends a command, the client's command id that makes a retry safe, and — for a drill only — the
/// moment on the drill's virtual clock. Live work always takes the engine's clock; a live command that
/// names a moment is refused.
/// </summary>
/// <param name="Actor">Who sends it.</param>
/// <param name="CommandId">The sender's command id, which makes a retry safe (null: no retry protection).</param>
/// <param name="At">A drill command's moment on the drill's clock; null for live work.</param>
/// <param name="Scope">For a move that creates a case only: the scope it is created in (live when null); every other move acts in its case's scope.</param>
/// <param name="Jurisdiction">The region code the sender may act within (docs/jurisdictions.md); null for the whole deployment.</param>
/// <param name="Deferred">
/// A fast drill's command: its case may answer before the write is durable, and is made durable at the drill's next
/// checkpoint (<see cref="ICaseGrain{TSummary}.Flush"/>); a fast drill is replayable from its scenario, so it need not pay
/// a durable commit per inject. Ignored outside a drill's scope: live work is answered only once it is durable.
/// </param>
/// <remarks>Passed by reference within a silo ([Immutable]): every member is an immutable value.</remarks>
[GenerateSerializer]
[Immutable]
public sealed record CommandContext(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] string? CommandId,
    [property: Id(2)] DateTimeOffset? At = null,
    [property: Id(3)] string? Scope = null,
    [property: Id(4)] string? Jurisdiction = null,
    [property: Id(5)] bool Deferred = false);
