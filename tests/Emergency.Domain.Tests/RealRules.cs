using Emergency.Testing;
using System.Text.Json.Nodes;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Tests;

/// <summary>The real rule files under config/rules/incidents, found from the test binaries by walking up to Emergency.sln.</summary>
public static class RealRules
{
    private static readonly Lazy<RuleSetCatalog> LazyCatalog = new(() => RuleSetLoader.Load(RulesDirectory));


    public static string RulesDirectory => RepoPaths.IncidentRules;

    /// <summary>The catalog loaded from the real files (loaded once, never mutated).</summary>
    public static RuleSetCatalog Catalog => LazyCatalog.Value;

    public static RuleSet Cn2011 => Catalog.Get("cn-2011");

    public static RuleSet Cn2014 => Catalog.Get("cn-2014");

    public static RuleSet Get(string id) => Catalog.Get(id);

    /// <summary>The text of one real rule file ("cn-2014.json").</summary>
    public static string Text(string fileName) => File.ReadAllText(Path.Combine(RulesDirectory, fileName));

    /// <summary>One real rule file as a mutable JSON tree, for building broken variants in memory.</summary>
    public static JsonObject Node(string fileName) => JsonNode.Parse(Text(fileName))!.AsObject();

    /// <summary>Both real files as in-memory sources for <see cref="RuleSetLoader.Parse"/>.</summary>
    public static List<(string File, string Json)> Sources() =>
        [("cn-2011.json", Text("cn-2011.json")), ("cn-2014.json", Text("cn-2014.json"))];
}
