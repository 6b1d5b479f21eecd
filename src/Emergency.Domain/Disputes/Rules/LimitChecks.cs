using System.Text.RegularExpressions;
using Emergency.Domain.Calendar;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>The strict checks every disputes rule family shares: a misread limit must stop the start, not run a case.</summary>
internal static partial class LimitChecks
{
    private const int MaxDays = 3_660;
    private const int MaxMonths = 120;

    public static void CheckHeader(string file, IVersionedRuleSet rules)
    {
        if (string.IsNullOrWhiteSpace(rules.Id))
        {
            throw new RuleSetException(file, "id", "must not be empty");
        }

        if (rules.Title?.IsBlank != false)
        {
            throw new RuleSetException(file, "title", "must not be empty");
        }

        if (!IsJurisdiction(rules.Jurisdiction))
        {
            throw new RuleSetException(file, "jurisdiction", $"'{rules.Jurisdiction}' is not a jurisdiction: use \"CN\" or a province code such as \"CN-HA\" (ISO 3166-2)");
        }
    }

    /// <summary>"CN", or a province as ISO 3166-2 writes it ("CN-HA").</summary>
    public static bool IsJurisdiction(string? jurisdiction) => jurisdiction is not null && JurisdictionPattern().IsMatch(jurisdiction);

    public static void CheckCounting(string file, Counting counting)
    {
        if (!Enum.IsDefined(counting.StartsOn) || !Enum.IsDefined(counting.LastDayOnRestDay))
        {
            throw new RuleSetException(file, "counting", "names an unknown counting rule");
        }

        if (string.IsNullOrWhiteSpace(counting.Source))
        {
            throw new RuleSetException(file, "counting.source", "the counting rule needs its source");
        }
    }

    public static void CheckSource(string file, string key, string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new RuleSetException(file, key, "must say where it comes from");
        }
    }

    public static void CheckLimit(string file, string key, Limit limit, bool mayExtend = false)
    {
        CheckLength(file, $"{key}.length", limit.Length, limit.Unit);
        if (string.IsNullOrWhiteSpace(limit.Basis))
        {
            throw new RuleSetException(file, $"{key}.basis", "say whether the limit is statute, local rule, local practice or this engine's reading");
        }

        if (string.IsNullOrWhiteSpace(limit.Source))
        {
            throw new RuleSetException(file, $"{key}.source", "every limit needs its source");
        }

        if (limit.Extension is not { } extension)
        {
            return;
        }

        if (!mayExtend)
        {
            throw new RuleSetException(file, $"{key}.extension", "only the reply limit can be extended");
        }

        CheckLength(file, $"{key}.extension.length", extension.Length, extension.Unit);
        if (extension.Unit != limit.Unit)
        {
            throw new RuleSetException(file, $"{key}.extension.unit", $"must be the unit of the limit it extends ({limit.Unit}), not {extension.Unit}");
        }

        if (extension.Times < 1)
        {
            throw new RuleSetException(file, $"{key}.extension.times", $"must be at least 1 (is {extension.Times}); leave the extension out when there is none");
        }

        if (string.IsNullOrWhiteSpace(extension.Source))
        {
            throw new RuleSetException(file, $"{key}.extension.source", "every extension needs its source");
        }
    }

    private static void CheckLength(string file, string key, int length, LimitUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new RuleSetException(file, key, $"'{(int)unit}' is not a unit; use CalendarDays, WorkingDays or Months");
        }

        var max = unit == LimitUnit.Months ? MaxMonths : MaxDays;
        if (length < 1 || length > max)
        {
            throw new RuleSetException(file, key, $"must be between 1 and {max} {unit} (is {length})");
        }
    }

    [GeneratedRegex("^CN(-[A-Z]{2})?$")]
    private static partial Regex JurisdictionPattern();
}
