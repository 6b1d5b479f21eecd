using System.Text.Json.Serialization;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Enforcement;

/// <summary>The registry in one line of the board: the restrictions in force, and how many supervisions and blacklistings stand.</summary>
public sealed record EnforcementSummary : ICaseSummary
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required IReadOnlyList<RegionalRestriction> RestrictionsInForce { get; init; }

    /// <summary>Listed supervisions in place (open or overdue).</summary>
    public required int SupervisionsInPlace { get; init; }

    /// <summary>Listed supervisions in place after their rectification deadline.</summary>
    public required int SupervisionsOverdue { get; init; }

    public required int Blacklisted { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The registry is never closed (derived, not sent).</summary>
    [JsonIgnore]
    public bool IsClosed => false;
}

/// <summary>
/// The summary is a detached snapshot: it shares no mutable object with the state (the restrictions are copied), so
/// the grain can publish it by reference and go on changing its state.
/// </summary>
public static class EnforcementSummaries
{
    public static EnforcementSummary Summary(this EnforcementRegistry registry, DateTimeOffset now) => new()
    {
        Id = registry.State.Id,
        Scope = registry.State.Scope,
        RestrictionsInForce = [.. registry.InForce(now).Select(r => r.Snapshot())],
        SupervisionsInPlace = registry.State.Supervisions.Count(s => !s.IsLifted),
        SupervisionsOverdue = registry.State.Supervisions.Count(s => s.StatusAt(now) == SupervisionStatus.Overdue),
        Blacklisted = registry.State.Blacklist.Count(b => b.IsListedAt(now)),
        Version = registry.State.Version,
        AsOf = now,
    };
}
