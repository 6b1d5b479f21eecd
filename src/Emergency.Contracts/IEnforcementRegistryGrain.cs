using Emergency.Domain.Enforcement;
using Orleans.Concurrency;

namespace Emergency.Contracts;

/// <summary>
/// The enforcement registry of one scope (挂牌督办, 黑名单, 区域限批), keyed "enf-{scope}" (see <see cref="EnforcementRegistries"/>).
/// Setting or lifting a regional approval restriction tells every open major decision in the region before it answers.
/// </summary>
public interface IEnforcementRegistryGrain : ICaseGrain<EnforcementSummary>
{
    /// <summary>Lists an enterprise or a region for supervision with a rectification deadline, under <paramref name="id"/>.</summary>
    Task<CommandResult<EnforcementRegistryView>> ListSupervision(string id, ListSupervision command, CommandContext context);

    Task<CommandResult<EnforcementRegistryView>> LiftSupervision(string id, LiftSupervision command, CommandContext context);

    /// <summary>Puts an enterprise on the blacklist, under <paramref name="id"/>.</summary>
    Task<CommandResult<EnforcementRegistryView>> AddToBlacklist(string id, AddToBlacklist command, CommandContext context);

    Task<CommandResult<EnforcementRegistryView>> RemoveFromBlacklist(string id, RemoveFromBlacklist command, CommandContext context);

    /// <summary>Sets a regional approval restriction, under <paramref name="id"/>; the matters it covers are blocked before this answers.</summary>
    Task<CommandResult<EnforcementRegistryView>> SetRestriction(string id, SetRegionalRestriction command, CommandContext context);

    /// <summary>Lifts a regional approval restriction; the matters it covered are freed before this answers.</summary>
    Task<CommandResult<EnforcementRegistryView>> LiftRestriction(string id, LiftRegionalRestriction command, CommandContext context);

    /// <summary>The registry as of now (empty when nothing was ever entered).</summary>
    Task<EnforcementRegistryView> GetView();

    /// <summary>Every regional approval restriction in force now, whatever the region.</summary>
    /// <remarks>Interleaves: a matter asks while the registry may be telling matters of a change.</remarks>
    [AlwaysInterleave]
    Task<IReadOnlyList<RegionalRestriction>> RestrictionsInForce();
}

/// <summary>One shard of the list of enforcement registries (one per scope), keyed "{scope}/{shard}".</summary>
public interface IEnforcementDirectoryGrain : ICaseDirectoryGrain<EnforcementSummary>;

/// <summary>Where the enforcement registry of a scope lives.</summary>
public static class EnforcementRegistries
{
    public const string Prefix = "enf-";

    public static string KeyOf(string scope) => Prefix + scope;

    public static string ScopeOf(string key) => key[Prefix.Length..];
}
