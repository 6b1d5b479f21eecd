using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The result of grading: the level, every criterion that set it ("II: crosses a province boundary"),
/// and whether the level is unclear because grading facts are still unknown.
/// </summary>
public sealed record Grade
{
    public required IncidentLevel Level { get; init; }

    public required IReadOnlyList<Message> Reasons { get; init; }

    public required bool Unclear { get; init; }

    public required Message LeadAuthority { get; init; }

    public required string RuleSetId { get; init; }
}
