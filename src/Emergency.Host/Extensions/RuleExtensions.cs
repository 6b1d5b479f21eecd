using Emergency.Domain.Calendar;
using Emergency.Domain.Decisions;
using Emergency.Domain.Disclosure;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Regions;
using Emergency.Domain.Rivers;
using Emergency.Domain.Rules;
using Emergency.Host.Hosting;

namespace Emergency.Host.Extensions;

public static class RuleExtensions
{
    /// <summary>Loads every rule set, the region catalog and the rivers (a bad file stops the start) and registers them for the grains.</summary>
    public static IServiceCollection AddEmergencyRules(this IServiceCollection services, EngineSettings settings, IConfiguration configuration)
    {
        var overrides = settings.RulesOverrideFile is null ? null : RuleOverrides.Load(settings.RulesOverrideFile);
        var catalog = RuleSetLoader.Load(Path.Combine(settings.RulesDirectory, "incidents"), overrides);
        var decisionCatalog = MajorDecisionRuleLoader.Load(Path.Combine(settings.RulesDirectory, "decisions"), overrides);
        var (petitions, suggestions) = LoadDisputeRules(settings.RulesDirectory, configuration["Rules:Jurisdiction"], overrides);
        var disclosure = DisclosureRuleLoader.Load(Path.Combine(settings.RulesDirectory, "disclosure"), petitions.Calendar, overrides, petitions.Jurisdiction);
        overrides?.EnsureAllUsed(catalog.All.Select(r => r.Id)
            .Concat(decisionCatalog.All.Select(r => r.Id))
            .Concat(petitions.All.Select(r => r.Id))
            .Concat(suggestions.All.Select(r => r.Id))
            .Concat(disclosure.All.Select(r => r.Id))
            .Append(petitions.Calendar.Id));
        var regions = settings.RegionsFile is null ? RegionCatalog.None : RegionCatalogLoader.Load(settings.RegionsFile, settings.RefuseUnknownRegions);
        var rivers = settings.RiversDirectory is null ? RiverCatalog.None : RiverCatalogLoader.Load(settings.RiversDirectory, regions);
        return services.AddSingleton(catalog).AddSingleton(decisionCatalog).AddSingleton(petitions).AddSingleton(suggestions).AddSingleton(disclosure).AddSingleton(regions).AddSingleton(rivers);
    }

    /// <summary>
    /// The petition and suggestion rule sets with the holiday calendar they count working days by, for the deployment's
    /// jurisdiction (<c>Rules:Jurisdiction</c>, default national "CN"; "CN-HA" takes the Henan variant).
    /// </summary>
    private static (PetitionRuleCatalog Petitions, SuggestionRuleCatalog Suggestions) LoadDisputeRules(string rulesDirectory, string? jurisdiction, RuleOverrides? overrides)
    {
        var calendar = WorkingCalendar.Load(Path.Combine(rulesDirectory, "calendar", "cn-holidays.json"), overrides);
        jurisdiction = string.IsNullOrWhiteSpace(jurisdiction) ? PetitionRuleCatalog.National : jurisdiction;
        return (PetitionRuleLoader.Load(Path.Combine(rulesDirectory, "petitions"), calendar, overrides, jurisdiction),
            SuggestionRuleLoader.Load(Path.Combine(rulesDirectory, "suggestions"), calendar, overrides, jurisdiction));
    }
}
