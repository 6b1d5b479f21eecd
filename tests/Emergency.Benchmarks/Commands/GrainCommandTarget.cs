using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Storage.GroupCommit;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// The commands sent straight to the incident grains through the Orleans client (co-hosted in the engine's process),
/// without HTTP. The only file of the benchmark that calls <see cref="IIncidentGrain"/> for commands. A new id is recorded
/// as fresh (<see cref="FreshKeys"/>), as the API records the ids it draws, so the registration costs what it costs
/// behind the API.
/// </summary>
public sealed class GrainCommandTarget(IGrainFactory grains, FreshKeys? fresh = null) : ICommandTarget
{
    private static readonly CommandContext Commander = new(new Actor("bench", Role.DutyCommander), null);

    public async Task<string?> RegisterAsync()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        fresh?.Add(id);
        try
        {
            var result = await grains.GetGrain<IIncidentGrain>(id).Execute(BenchCommands.Report(DateTimeOffset.UtcNow), Commander);
            return result.Status == CommandStatus.Accepted ? id : null;
        }
        finally
        {
            fresh?.Forget(id);
        }
    }

    public async Task<bool> UpdateFactsAsync(string incidentId, int evacuated)
    {
        var result = await grains.GetGrain<IIncidentGrain>(incidentId).Execute(BenchCommands.Update(evacuated), Commander);
        return result.Status == CommandStatus.Accepted;
    }
}
