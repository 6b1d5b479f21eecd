namespace Emergency.Domain.Calendar;

/// <summary>How a limit stated in days or months is counted: what each rule set says, or how this engine reads it.</summary>
public sealed record Counting
{
    public required CountFrom StartsOn { get; init; }

    public required RestDayRule LastDayOnRestDay { get; init; }

    public required string Source { get; init; }
}

/// <summary>The unit a regulation states a limit in.</summary>
public enum LimitUnit
{
    /// <summary>日: every day counts, rest days included.</summary>
    CalendarDays,

    /// <summary>工作日: Monday to Friday, minus public holidays, plus make-up working days (调休).</summary>
    WorkingDays,

    /// <summary>月: ends on the corresponding day of the last month, or that month's last day when it has none.</summary>
    Months,
}

public enum CountFrom
{
    /// <summary>The day of the triggering event is not counted; the limit starts the next day.</summary>
    DayAfterEvent,

    /// <summary>The day of the triggering event is the first day of the limit.</summary>
    EventDay,
}

/// <summary>What happens when a limit counted in calendar days or months ends on a rest day.</summary>
public enum RestDayRule
{
    /// <summary>The last day stays where it falls.</summary>
    Counts,

    /// <summary>The limit runs to the end of the next working day.</summary>
    MovesToNextWorkingDay,
}
