using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;

namespace Emergency.Domain.Rivers;

/// <summary>
/// Estimates when a spill reaches each boundary and intake below it (docs/rivers.md): advection reach by reach with
/// the velocity of the spill's month, and the leading edge of the one-dimensional advection-dispersion solution for an
/// instantaneous release, C(x,t) = M / (A·√(4πDt)) · exp(−(x − ut)² / (4Dt)), with u, D and A averaged over the reaches
/// crossed by the time the water spends in each. Pure: the spill carries its own time.
/// </summary>
public static class DownstreamEstimator
{
    private const double Gravity = 9.81;

    public static DownstreamEstimate Estimate(RiverCatalog rivers, Spill spill)
    {
        var (system, start) = rivers.FindReach(spill.ReachId)
            ?? throw new RiverEstimateException("reach", DownstreamTexts.UnknownReach.With(("reach", spill.ReachId)));

        if (!double.IsFinite(spill.PositionKm) || spill.PositionKm < 0 || spill.PositionKm > start.LengthKm.Value)
        {
            throw new RiverEstimateException("positionKm", DownstreamTexts.OffReach.With(("km", DownstreamTexts.Figure(spill.PositionKm)), ("reach", start.Id), ("length", DownstreamTexts.Figure(start.LengthKm.Value))));
        }

        if (!double.IsFinite(spill.MassKg) || spill.MassKg <= 0)
        {
            throw new RiverEstimateException("massKg", DownstreamTexts.MassNotPositive);
        }

        if (spill.ThresholdMgPerL is { } threshold && (!double.IsFinite(threshold) || threshold <= 0))
        {
            throw new RiverEstimateException("thresholdMgPerL", DownstreamTexts.ThresholdNotPositive);
        }

        var month = spill.At.Month;
        var points = new List<DownstreamPoint>();
        var path = new Path(spill, points);
        Reach? previous = null;
        foreach (var reach in system.Downstream(start))
        {
            if (previous is not null && previous.Jurisdiction.Code != reach.Jurisdiction.Code)
            {
                Region[] into = [reach.Jurisdiction, .. reach.OtherBank];
                path.Add(DownstreamPointKind.Boundary, $"{previous.Jurisdiction.Describe()} → {string.Join(" / ", into.Select(r => r.Describe()))}", null, previous.Jurisdiction, into);
            }

            var velocity = reach.VelocityIn(month)
                ?? throw new RiverEstimateException("at", DownstreamTexts.NoVelocityForMonth.With(("reach", reach.Id), ("month", month)));
            var head = reach == start ? spill.PositionKm : 0;
            path.Enter(reach, velocity.Value);
            foreach (var intake in system.Intakes.Where(i => i.ReachId == reach.Id && i.PositionKm.Value >= head).OrderBy(i => i.PositionKm.Value))
            {
                path.Advance(intake.PositionKm.Value - path.KmInReach);
                path.Add(DownstreamPointKind.Intake, intake.Name, intake, null, [intake.Jurisdiction]);
            }

            path.Advance(reach.LengthKm.Value - path.KmInReach);
            if (reach.FlowsInto is null)
            {
                var kind = reach.Beyond.Count > 0 ? DownstreamPointKind.Boundary : DownstreamPointKind.End;
                path.Add(kind, reach.Mouth ?? reach.To, null, reach.Beyond.Count > 0 ? reach.Jurisdiction : null, reach.Beyond);
            }

            previous = reach;
        }

        return new DownstreamEstimate(spill, system.Id, points);
    }

    /// <summary>
    /// Fischer's estimate of the longitudinal dispersion coefficient (Fischer et al. 1979, Mixing in Inland and Coastal
    /// Waters, eq. 5.19): D = 0.011 u² W² / (h u*), with the shear velocity u* = √(g h S).
    /// </summary>
    public static double FischerDispersion(double velocity, double width, double depth, double slope) =>
        0.011 * velocity * velocity * width * width / (depth * Math.Sqrt(Gravity * depth * slope));

    /// <summary>C(x,t) of an instantaneous release of <paramref name="massKg"/> in a uniform channel, in mg/L (= g/m³).</summary>
    public static double Concentration(double massKg, double area, double dispersion, double velocity, double metres, double seconds) =>
        seconds <= 0
            ? 0
            : massKg * 1000 / (area * Math.Sqrt(4 * Math.PI * dispersion * seconds))
                * Math.Exp(-Math.Pow(metres - (velocity * seconds), 2) / (4 * dispersion * seconds));

    /// <summary>The time the concentration peaks at <paramref name="metres"/>: the root of u²t² + 2Dt − x² = 0.</summary>
    public static double PeakSeconds(double dispersion, double velocity, double metres) =>
        (-dispersion + Math.Sqrt((dispersion * dispersion) + (velocity * velocity * metres * metres))) / (velocity * velocity);

    /// <summary>Walks down the reaches, keeping the distance, the travel time and the time-weighted geometry so far.</summary>
    private sealed class Path(Spill spill, List<DownstreamPoint> points)
    {
        private readonly List<string> _reaches = [];
        private double _metres;
        private double _seconds;
        private double _dispersionSeconds;
        private double _areaSeconds;
        private bool _geometryKnown = true;
        private double _velocity;
        private double? _dispersion;
        private double? _area;

        public double KmInReach { get; private set; }

        public void Enter(Reach reach, double velocity)
        {
            _reaches.Add(reach.Id);
            _velocity = velocity;
            KmInReach = _reaches.Count == 1 ? spill.PositionKm : 0;
            _area = reach.WidthM is { } w && reach.DepthM is { } h ? w.Value * h.Value : null;
            _dispersion = reach.DispersionM2PerS?.Value
                ?? (reach.WidthM is { } width && reach.DepthM is { } depth && reach.Slope is { } slope
                    ? FischerDispersion(velocity, width.Value, depth.Value, slope.Value)
                    : null);
            _geometryKnown &= _area is not null && _dispersion is not null;
        }

        public void Advance(double km)
        {
            var seconds = km * 1000 / _velocity;
            _metres += km * 1000;
            _seconds += seconds;
            KmInReach += km;
            if (_geometryKnown)
            {
                _dispersionSeconds += _dispersion!.Value * seconds;
                _areaSeconds += _area!.Value * seconds;
            }
        }

        public void Add(DownstreamPointKind kind, string name, Intake? intake, Region? from, IReadOnlyList<Region> into)
        {
            var (edge, peak) = Dispersed();
            points.Add(new DownstreamPoint(kind, name, intake, from, into, Math.Round(_metres / 1000, 3), spill.At.AddSeconds(_seconds), edge, peak, [.. _reaches]));
        }

        private (LeadingEdge Edge, double? Peak) Dispersed()
        {
            if (!_geometryKnown)
            {
                return (new LeadingEdge(spill.ThresholdMgPerL is null ? LeadingEdgeStatus.NoThreshold : LeadingEdgeStatus.NoGeometry, null), null);
            }

            if (_seconds <= 0)
            {
                // At the spill itself the solution is singular: the pollution is there at once.
                return (new LeadingEdge(spill.ThresholdMgPerL is null ? LeadingEdgeStatus.NoThreshold : LeadingEdgeStatus.Exceeds, spill.ThresholdMgPerL is null ? null : spill.At), null);
            }

            var velocity = _metres / _seconds;
            var dispersion = _dispersionSeconds / _seconds;
            var area = _areaSeconds / _seconds;
            double C(double t) => Concentration(spill.MassKg, area, dispersion, velocity, _metres, t);
            var peakAt = PeakSeconds(dispersion, velocity, _metres);
            var peak = C(peakAt);
            if (spill.ThresholdMgPerL is not { } threshold)
            {
                return (new LeadingEdge(LeadingEdgeStatus.NoThreshold, null), peak);
            }

            if (peak <= threshold)
            {
                return (new LeadingEdge(LeadingEdgeStatus.NeverAboveThreshold, null), peak);
            }

            // C rises monotonically from 0 to its peak, so the first crossing is found by bisection on (0, peakAt].
            var (low, high) = (0.0, peakAt);
            while (high - low > 1)
            {
                var mid = (low + high) / 2;
                (low, high) = C(mid) >= threshold ? (low, mid) : (mid, high);
            }

            return (new LeadingEdge(LeadingEdgeStatus.Exceeds, spill.At.AddSeconds(Math.Round(high))), peak);
        }
    }
}
