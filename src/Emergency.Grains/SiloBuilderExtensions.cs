using Emergency.Contracts;
using Emergency.Domain.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Emergency.Grains;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// The engine's grains: domain types serialized as JSON, the system clock as the engine clock unless a test or drill
    /// supplies another, and a start-up step that, for each kind of case (incidents, petitions, suggestions, the
    /// enforcement registry, major decisions), touches only the open cases whose deadline fell due while the engine was
    /// down, read from the case index by their next deadline, and arms the wake-ups of the rest; cases stored before the
    /// index existed are activated first and write their row.
    /// </summary>
    public static ISiloBuilder AddEmergencyGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(EngineClock.System);
        silo.Services.TryAddSingleton(Cases.AnswerRetention.Default);
        silo.Services.TryAddSingleton(Cases.PersonalDataRetention.Default);
        silo.Services.TryAddSingleton(Drills.FastDrillCheckpoints.Default);
        silo.Services.TryAddSingleton(Cases.CaseActivity.Default);
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<Cases.CaseActivity>((options, activity) => activity.Apply(options));
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<Cases.CaseActivity>((options, activity) => EarlyWarning.ComplainantActivity.Apply(activity, options));

        // The host gives the configured key; the development key serves tests and tools that start grains alone.
        silo.Services.TryAddSingleton(EarlyWarning.ComplainantLinkKey.Development);
        silo.Services.TryAddSingleton<EarlyWarning.FormerKeyLookup>(EarlyWarning.FormerKeyLookup.From);

        // Without a region catalog, regions are free names matched by name alone.
        silo.Services.TryAddSingleton(RegionCatalog.None);
        silo.Services.TryAddSingleton(Domain.Rivers.RiverCatalog.None);
        silo.Services.AddSerializer(serializer => serializer.AddEmergencyTypes());
        silo.AddStartupTask(async (services, cancellationToken) =>
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            await ActivatorUtilities.CreateInstance<Cases.CaseIndexBackfill>(services).RunAsync(cancellationToken);
            await Task.WhenAll(
                grains.GetGrain<IIncidentDirectoryGrain>(Scopes.Live).WarmUp(),
                grains.GetGrain<IDisputeDirectoryGrain>(Scopes.Live).WarmUp(),
                grains.GetGrain<ISuggestionDirectoryGrain>(Scopes.Live).WarmUp());

            // The registry first: each matter's activation reads the restrictions from it.
            await grains.GetGrain<IEnforcementDirectoryGrain>(Scopes.Live).WarmUp();
            await grains.GetGrain<IMajorDecisionDirectoryGrain>(Scopes.Live).WarmUp();
        });
        return silo;
    }
}
