using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Emergency.Contracts;

/// <summary>Run ids and the ids of a drill's cases, which follow from the run and the scenario's names.</summary>
public static partial class DrillIds
{
    public static string NewRun() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static bool IsRun(string? run) => run is not null && RunPattern().IsMatch(run);

    /// <summary>The same run and scenario name always give the same incident id: a retried inject finds its incident.</summary>
    public static string Incident(string run, string name) =>
        "inc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{run}\n{name}")))[..20];

    /// <summary>The same run and scenario name always give the same major decision id.</summary>
    public static string Decision(string run, string name) =>
        "dec-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{run}\ndecision\n{name}")))[..20];

    /// <summary>Each complaint of a drill (a surge: each repetition) has an id of its own that follows from its place in the scenario.</summary>
    public static string Dispute(string run, int sequence, int copy) =>
        "pet-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{run}\ncomplaint\n{sequence}\n{copy}")))[..20];

    /// <summary>The run of a drill scope ("drill-{run}"), or null for live work.</summary>
    public static string? RunOf(string scope) => Scopes.IsDrill(scope) ? scope[Scopes.DrillPrefix.Length..] : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex RunPattern();
}
