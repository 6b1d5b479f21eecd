using Emergency.Contracts;
using Emergency.Domain.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace Emergency.Grains;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// The engine's grains: domain types serialized as JSON, the system clock as the engine clock unless a test or drill
    /// supplies another, and a start-up step that touches every open case (incidents, petitions, suggestions, the enforcement registry, major decisions) so that deadlines which
    /// fell due while the engine was down are marked at once and the rest are re-armed.
    /// </summary>
    public static ISiloBuilder AddEmergencyGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(EngineClock.System);
        silo.Services.TryAddSingleton(Cases.AnswerRetention.Default);

        // Without a region catalog, regions are free names matched by name alone.
        silo.Services.TryAddSingleton(RegionCatalog.None);
        silo.Services.AddSerializer(serializer => serializer.AddEmergencyTypes());
        silo.AddStartupTask(async (services, cancellationToken) =>
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(CaseDirectory.AllShardKeys(Scopes.Live)
                .SelectMany(key => new[]
                {
                    grains.GetGrain<IIncidentDirectoryGrain>(key).WarmUp(),
                    grains.GetGrain<IDisputeDirectoryGrain>(key).WarmUp(),
                    grains.GetGrain<ISuggestionDirectoryGrain>(key).WarmUp(),
                }));

            // The registry first: each matter's activation reads the restrictions from it.
            await Task.WhenAll(CaseDirectory.AllShardKeys(Scopes.Live)
                .Select(key => grains.GetGrain<IEnforcementDirectoryGrain>(key).WarmUp()));
            await Task.WhenAll(CaseDirectory.AllShardKeys(Scopes.Live)
                .Select(key => grains.GetGrain<IMajorDecisionDirectoryGrain>(key).WarmUp()));
        });
        return silo;
    }
}
