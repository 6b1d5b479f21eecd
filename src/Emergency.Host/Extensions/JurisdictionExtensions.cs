using Emergency.Domain.Regions;
using Emergency.Host.Auth;

namespace Emergency.Host.Extensions;

public static class JurisdictionExtensions
{
    /// <summary>
    /// Reads the machine tokens' jurisdictions against the region catalog (docs/jurisdictions.md): one the catalog does
    /// not place stops the start. Runs after the rules and the tokens are loaded; people's jurisdictions are checked when
    /// they are added.
    /// </summary>
    public static IServiceCollection AddJurisdictions(this IServiceCollection services)
    {
        var regions = Instance<RegionCatalog>(services);
        Instance<MachineTokens>(services).ResolveJurisdictions(regions);
        return services;
    }

    private static T Instance<T>(IServiceCollection services) =>
        (T)(services.LastOrDefault(d => d.ServiceType == typeof(T))?.ImplementationInstance
            ?? throw new InvalidOperationException($"{typeof(T).Name} must be registered before the jurisdictions are read"));
}
