using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Drills;
using Emergency.Storage.GroupCommit;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Grains.Drills;

/// <summary>
/// A drill that starts brings in cases nobody has seen: their ids follow from its run, which had no record until now. So
/// the storage is told of them as the API tells it of an id it draws (<see cref="FreshKeys"/>), and a case's first
/// activation does not read a row that cannot exist (those reads were 4-8 % of a fast drill's CPU in its profile). A key
/// wrongly taken for fresh costs a version conflict at the case's first write, never a lost row; a run resumed after a
/// crash reads its cases as its checkpoints stored them.
/// </summary>
public sealed partial class DrillGrain
{
    private void CasesAreNew(Scenario scenario)
    {
        if (ServiceProvider.GetService<FreshKeys>() is not { } fresh)
        {
            return;
        }

        foreach (var scheduled in scenario.Injects)
        {
            switch (scheduled.Inject)
            {
                case WarningEscalated:
                    // The early warning registers the incident it is escalated into, under an id of its own.
                    break;
                case IncidentReported reported:
                    fresh.Add(DrillIds.Incident(RunId, reported.Incident));
                    break;
                case DecisionStep { Command: DraftMajorDecision } draft:
                    fresh.Add(DrillIds.Decision(RunId, draft.Decision));
                    break;
                case ComplaintFiled:
                    fresh.Add(DrillIds.Dispute(RunId, scheduled.Sequence, scheduled.Copy));
                    break;
            }
        }
    }
}
