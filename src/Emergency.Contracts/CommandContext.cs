using Emergency.Domain;

namespace Emergency.Contracts;

/// <summary>
/// Who sends a command, the client's command id that makes a retry safe, and — for a drill only — the
/// moment on the drill's virtual clock. Live work always takes the engine's clock; a live command that
/// names a moment is refused.
/// </summary>
[GenerateSerializer]
public sealed record CommandContext([property: Id(0)] Actor Actor, [property: Id(1)] string? CommandId, [property: Id(2)] DateTimeOffset? At = null);
