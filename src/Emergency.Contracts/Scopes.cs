using System.Text.RegularExpressions;

namespace Emergency.Contracts;

/// <summary>
/// Where a case belongs: live work, or one drill run ("drill-{run}"). Every list, board and feed is per
/// scope, so drill cases never appear among live ones, and a drill is purged by its scope.
/// </summary>
public static partial class Scopes
{
    public const string Live = "live";

    public const string DrillPrefix = "drill-";

    public static string Drill(string run) => DrillPrefix + run;

    public static bool IsDrill(string scope) => scope.StartsWith(DrillPrefix, StringComparison.Ordinal);

    /// <summary>The forms a scope takes, as a client is told when it sends another.</summary>
    public static readonly IReadOnlyList<string> Allowed = [Live, DrillPrefix + "<run>"];

    public static bool IsValid(string? scope) => scope is not null && ScopePattern().IsMatch(scope);

    [GeneratedRegex("^(live|drill-[a-z0-9][a-z0-9-]{0,39})$")]
    private static partial Regex ScopePattern();
}
