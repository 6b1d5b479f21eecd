using System.Collections.Frozen;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Rules;

/// <summary>Deadlines of the five first-moment obligations, each counted from discovery.</summary>
public sealed record DeadlineRules
{
    public required IReadOnlyDictionary<ObligationKind, DeadlineRule> Obligations { get; init; }

    /// <summary>
    /// Window for the new report that a change of level requires (MEP Order 17: report again at the
    /// new level), counted from the moment the level changed.
    /// </summary>
    public required DeadlineRule LevelChangeReport { get; init; }

    /// <summary>
    /// Window for telling the neighbouring areas that may be affected (MEP Order 17 art. 8: "at once"), counted from
    /// discovery when the first facts already say so, else from the moment the facts did.
    /// </summary>
    public required DeadlineRule NeighbourNotification { get; init; }

    /// <summary>How long before the pollution arrives each party downstream of a river spill is warned.</summary>
    public required DownstreamWarningRule DownstreamWarning { get; init; }
}

/// <summary>
/// One obligation's deadline: a window by level, optionally shortened when the incident is sensitive
/// or when its level is still unclear and sensitive factors are present.
/// </summary>
public sealed record DeadlineRule
{
    public required IReadOnlyDictionary<IncidentLevel, TimeSpan> ByLevel { get; init; }

    /// <summary>Applies whenever sensitive factors are present (e.g. the "5·24" practice for information release).</summary>
    public TimeSpan? WhenSensitive { get; init; }

    /// <summary>Applies while the level is unclear and sensitive factors are present (the 2 h reporting rule).</summary>
    public TimeSpan? WhenLevelUnclearAndSensitive { get; init; }

    /// <summary>"statute" when a regulation fixes it, "local practice" when it is a configurable default.</summary>
    public required LocalText Basis { get; init; }

    public required string Source { get; init; }

    /// <summary>Why a level's window applies, one message per level made once (a message never changes once made).</summary>
    private static readonly FrozenDictionary<IncidentLevel, Message> WhyLevel =
        Enum.GetValues<IncidentLevel>().ToFrozenDictionary(level => level, level => IncidentTexts.WhyLevel.With(("level", Arg.Of(level))));

    /// <summary>The window that applies, with a short explanation for the timeline.</summary>
    public (TimeSpan Window, Message Why) WindowFor(Grade grade, bool sensitive)
    {
        var window = ByLevel[grade.Level];
        var why = WhyLevel is { } made && made.TryGetValue(grade.Level, out var kept) ? kept : IncidentTexts.WhyLevel.With(("level", Arg.Of(grade.Level)));
        if (sensitive && WhenSensitive is { } s && s < window)
        {
            (window, why) = (s, IncidentTexts.WhySensitive);
        }

        if (sensitive && grade.Unclear && WhenLevelUnclearAndSensitive is { } u && u < window)
        {
            (window, why) = (u, IncidentTexts.WhyUnclearSensitive);
        }

        return (window, why);
    }
}
