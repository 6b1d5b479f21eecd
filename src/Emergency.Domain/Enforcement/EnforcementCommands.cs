namespace Emergency.Domain.Enforcement;

/// <summary>List an enterprise or a region for supervision with a rectification deadline (挂牌督办).</summary>
public sealed record ListSupervision
{
    public required SupervisionTarget TargetKind { get; init; }

    public required string Target { get; init; }

    public required string Matter { get; init; }

    public required string IssuedBy { get; init; }

    public required DateTimeOffset RectificationDeadline { get; init; }
}

/// <summary>Lift a listed supervision: the rectification was accepted.</summary>
public sealed record LiftSupervision
{
    public required string Note { get; init; }
}

/// <summary>Put an enterprise on the blacklist (黑名单).</summary>
public sealed record AddToBlacklist
{
    public required string Enterprise { get; init; }

    public required string Reason { get; init; }
}

public sealed record RemoveFromBlacklist
{
    public required string Reason { get; init; }
}

/// <summary>Set a regional approval restriction (区域限批).</summary>
public sealed record SetRegionalRestriction
{
    public required string Region { get; init; }

    public required string Reason { get; init; }
}

public sealed record LiftRegionalRestriction
{
    public required string Reason { get; init; }
}
