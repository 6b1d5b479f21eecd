namespace Emergency.Domain.Rivers;

/// <summary>
/// A release into a river: where (a reach and the km from its head), when, what and how much, and optionally the
/// concentration that counts as arrival (e.g. the drinking-water standard); without it only advection and the peak are given.
/// </summary>
public sealed record Spill(string ReachId, double PositionKm, DateTimeOffset At, string Pollutant, double MassKg, double? ThresholdMgPerL = null);
