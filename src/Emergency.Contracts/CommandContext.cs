using Emergency.Domain;

namespace Emergency.Contracts;

/// <summary>Who sends a command, and the client's command id that makes a retry safe.</summary>
[GenerateSerializer]
public sealed record CommandContext([property: Id(0)] Actor Actor, [property: Id(1)] string? CommandId);
