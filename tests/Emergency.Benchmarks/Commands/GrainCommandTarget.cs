using Emergency.Contracts;
using Emergency.Domain;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// The commands sent straight to the incident grains through the Orleans client (co-hosted in the engine's process),
/// without HTTP. The only file of the benchmark that calls <see cref="IIncidentGrain"/> for commands.
/// </summary>
public sealed class GrainCommandTarget(IGrainFactory grains) : ICommandTarget
{
    private static readonly CommandContext Commander = new(new Actor("bench", Role.DutyCommander), null);

    public async Task<string?> RegisterAsync()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var result = await grains.GetGrain<IIncidentGrain>(id).Execute(BenchCommands.Report(DateTimeOffset.UtcNow), Commander);
        return result.Status == CommandStatus.Accepted ? id : null;
    }

    public async Task<bool> UpdateFactsAsync(string incidentId, int evacuated)
    {
        var result = await grains.GetGrain<IIncidentGrain>(incidentId).Execute(BenchCommands.Update(evacuated), Commander);
        return result.Status == CommandStatus.Accepted;
    }
}
