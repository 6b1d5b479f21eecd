using Emergency.Domain.Messages;
using Emergency.Domain.Regions;

namespace Emergency.Domain.Incidents;

/// <summary>
/// Warning the neighbouring areas (通报相邻区域, MEP Order 17 art. 8) of an incident that crosses or may cross a boundary
/// off a river: one warning obligation per neighbouring area the crossing may affect, from the region catalog's
/// neighbours (docs/jurisdictions.md), due by the neighbour-notification rule, sent and acknowledged by the downstream
/// warning's moves. On a river the warnings downstream, timed by the pollution's arrival, take their place.
/// </summary>
public sealed partial class Incident
{
    /// <summary>Traces the neighbours of the incident's region and of the regions it lies in, once, at registration.</summary>
    private void TraceNeighbours(RegionCatalog regions)
    {
        if (regions.Resolve(State.Region).Region is not { } origin)
        {
            return;
        }

        var line = regions.Ancestors(origin).Prepend(origin).ToList();
        string ProvinceOf(Region region) => region.Level == RegionLevel.Province ? region.Code : regions.Ancestors(region).Last().Code;
        State.Neighbours = new NeighbourState
        {
            OriginProvince = line[^1].Code,
            Areas = [.. line.SelectMany(beside => regions.Neighbours(beside).Select(n => new NeighbourArea
            {
                Code = n.Code, Name = n.Name, Level = n.Level, Province = ProvinceOf(n), Beside = beside.Code, BesideName = beside.Name,
            }))],
        };
    }

    /// <summary>
    /// Opens a warning for each neighbouring area the facts now say may be affected and that has none yet, counted like
    /// the notice to the neighbours (<paramref name="due"/>). Not on a river: there the
    /// warnings downstream go by the pollution's arrival.
    /// </summary>
    private void OpenNeighbourWarnings(DateTimeOffset from, DateTimeOffset due, DateTimeOffset now)
    {
        if (State.Neighbours is not { } neighbours || State.Downstream is not null)
        {
            return;
        }

        foreach (var area in NeighbourAreas.ToWarn(State.Facts, neighbours))
        {
            var id = area.Obligation();
            if (State.Obligations.Any(o => o.Id == id))
            {
                continue;
            }

            var basis = NeighbourTexts.Basis.With(("party", area.Name), ("level", Arg.Of(area.Level)), ("beside", area.BesideName),
                ("notice", NeighbourTexts.DueWithNotice.With(("obligation", Arg.Of(ObligationKind.NotifyNeighbours)))));
            State.Obligations.Add(new Obligation { Id = id, Kind = ObligationKind.WarnNeighbour, DueAt = due, DeadlineBasis = basis, OpenedAt = from });
            Append(now, now, Actor.System, TimelineKind.DeadlineSet, IncidentTexts.DeadlineSet.With(("obligation", Arg.Of(ObligationKind.WarnNeighbour)), ("due", due), ("basis", basis)), id);
        }
    }

    /// <summary>
    /// A spill into a river is recorded: the warnings to neighbouring areas not yet sent are released by the engine, never
    /// sent, since the warnings downstream now say who is told and by when. One already missed stays missed.
    /// </summary>
    private void ReleaseNeighbourWarnings(DateTimeOffset now)
    {
        foreach (var obligation in State.Obligations.Where(o => o.Kind == ObligationKind.WarnNeighbour && !o.IsCompleted))
        {
            ReleaseUnsent(obligation, NeighbourTexts.OnARiver.With(("party", PartyOf(obligation.Id))), now);
        }
    }

    /// <summary>The warnings sent for a warning obligation: downstream on the river, or to the neighbouring areas.</summary>
    private List<DownstreamWarning>? WarningsFor(Obligation obligation) =>
        obligation.Kind == ObligationKind.WarnNeighbour ? State.Neighbours?.Warnings : State.Downstream?.Warnings;

    /// <summary>The neighbouring areas' section of the view: one line per warning obligation, with its status.</summary>
    internal IReadOnlyList<NeighbourWarningView> NeighbourView(DateTimeOffset now)
    {
        if (State.Neighbours is not { } neighbours)
        {
            return [];
        }

        return [.. neighbours.Areas
            .Select(a => (Area: a, Obligation: State.Obligations.FirstOrDefault(o => o.Id == a.Obligation())))
            .Where(x => x.Obligation is not null)
            .GroupBy(x => x.Area.Code)
            .Select(g => g.First())
            .Select(x =>
            {
                var obligation = x.Obligation!;
                var sent = neighbours.Warnings.FirstOrDefault(w => w.Obligation == obligation.Id);
                return Warned(new NeighbourWarningView
                {
                    Obligation = obligation.Id,
                    Party = x.Area.Name,
                    Jurisdiction = x.Area.Code,
                    Level = x.Area.Level,
                    Beside = x.Area.Beside,
                }, obligation, sent, now);
            })];
    }
}
