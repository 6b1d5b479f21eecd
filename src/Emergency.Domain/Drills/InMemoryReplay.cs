using Emergency.Domain.Incidents;

namespace Emergency.Domain.Drills;

/// <summary>
/// A scenario's incident injects played on the domain alone, in memory, without grains, storage or the drill's clock:
/// what the engine's drill warm-up plays, and the drill benchmark's baseline.
/// </summary>
public static class InMemoryReplay
{
    /// <summary>
    /// Each incident inject in order, judged: a report registered by <paramref name="register"/> (given the incident's
    /// name in the scenario), every later move by the incident it names. Yields the incident after the move (null when its
    /// report was refused), the command, its moment and the decision.
    /// </summary>
    public static IEnumerable<(Incident? Incident, IncidentCommand Command, DateTimeOffset At, Decision Decision)> Incidents(
        Scenario scenario, Actor actor, Func<string, ReportIncident, DateTimeOffset, (Incident? Incident, Decision Decision)> register)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(register);
        var incidents = new Dictionary<string, Incident>(StringComparer.Ordinal);
        foreach (var scheduled in scenario.Injects)
        {
            if (scheduled.Inject is not IncidentInject inject)
            {
                continue;
            }

            var at = scenario.At(scheduled.At);
            var command = inject.Command(scenario, scheduled.At);
            Incident? incident;
            Decision decision;
            if (command is ReportIncident report)
            {
                (incident, decision) = register(inject.Incident, report, at);
                if (incident is not null)
                {
                    incidents[inject.Incident] = incident;
                }
            }
            else
            {
                incident = incidents.GetValueOrDefault(inject.Incident);
                decision = incident?.Handle(command, actor, at) ?? Decision.Invalid([]);
            }

            yield return (incident, command, at, decision);
        }
    }
}
