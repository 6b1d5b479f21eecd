namespace Emergency.Benchmarks.Commands;

/// <summary>One way of sending the benchmark's incident commands: over HTTP, through the Orleans client, or as plain SQL.</summary>
public interface ICommandTarget
{
    /// <summary>Registers a new incident; returns its id, or null when it was refused.</summary>
    Task<string?> RegisterAsync();

    /// <summary>Records new facts (the evacuated count) on an incident; returns false when it was refused.</summary>
    Task<bool> UpdateFactsAsync(string incidentId, int evacuated);
}

/// <summary>The commands' bodies, the same for every target, so that the engine and the plain alternative apply the same rules.</summary>
public static class BenchCommands
{
    public static Emergency.Domain.Incidents.ReportIncident Report(DateTimeOffset now) => new()
    {
        Title = "Benchmark incident",
        Region = "Bench",
        DiscoveredAt = now.AddMinutes(-1),
        SourceChannel = Emergency.Domain.Incidents.SourceChannel.Patrol,
        Facts = new Emergency.Domain.Incidents.IncidentFacts { Deaths = 0, Poisoned = 0, SeriouslyInjured = 0, Evacuated = 0, DirectLossCny = 0 },
    };

    /// <summary>A small evacuated count: the grade and the deadlines stay the same, so every update is accepted and only the facts and the timeline change.</summary>
    public static Emergency.Domain.Incidents.UpdateFacts Update(int evacuated) => new()
    {
        Facts = Emergency.Domain.Incidents.FactsPatch.Empty.With("evacuated", evacuated % 50),
    };
}
