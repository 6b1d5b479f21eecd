using System.Text.Json.Nodes;
using Emergency.Domain.Calendar;
using Emergency.Domain.Disputes.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>The real calendar and rule files under config/rules, loaded once and never mutated.</summary>
public static class RealDisputeRules
{
    private static readonly Lazy<PetitionRuleCatalog> LazyPetitions = new(() => PetitionRuleLoader.Load(PetitionDirectory, Calendar));
    private static readonly Lazy<SuggestionRuleCatalog> LazySuggestions = new(() => SuggestionRuleLoader.Load(SuggestionDirectory, Calendar));

    public static string CalendarFile => RealCalendar.File;

    public static string PetitionDirectory => Path.Combine(RepoPaths.Config, "rules", "petitions");

    public static string SuggestionDirectory => Path.Combine(RepoPaths.Config, "rules", "suggestions");

    public static WorkingCalendar Calendar => RealCalendar.Calendar;

    /// <summary>A national deployment: cn-2005, then cn-2022.</summary>
    public static PetitionRuleCatalog Petitions => LazyPetitions.Value;

    /// <summary>A Henan deployment: cn-2005, henan-2012 from 2012, cn-2022 from 2022-05-01.</summary>
    public static PetitionRuleCatalog Henan => Petitions.For("CN-HA");

    public static SuggestionRuleCatalog Suggestions => LazySuggestions.Value;

    public static string PetitionText(string fileName) => File.ReadAllText(Path.Combine(PetitionDirectory, fileName));

    public static JsonObject PetitionNode(string fileName) => JsonNode.Parse(PetitionText(fileName))!.AsObject();

    public static List<(string File, string Json)> PetitionSources() =>
        [.. new[] { "cn-2005.json", "cn-2022.json", "henan-2012.json" }.Select(f => (f, PetitionText(f)))];
}
