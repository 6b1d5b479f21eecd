namespace Emergency.Domain.Calendar;

/// <summary>
/// The holiday calendar as written in <c>config/rules/calendar/</c>: per year, the public holidays and the make-up
/// working days (调休) the State Council announced, each year with its source.
/// </summary>
public sealed record CalendarFile
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The offset the days are counted in (China Standard Time, "PT8H"): a day ends at 24:00 there.</summary>
    public required TimeSpan UtcOffset { get; init; }

    public required IReadOnlyDictionary<int, CalendarYear> Years { get; init; }
}

public sealed record CalendarYear
{
    public required IReadOnlyList<HolidayRange> Holidays { get; init; }

    /// <summary>Weekend days that are working days because a holiday was moved (调休上班).</summary>
    public required IReadOnlyList<MakeUpWorkday> Workdays { get; init; }

    public required string Source { get; init; }
}

/// <summary>Days off from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record HolidayRange
{
    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    public required string Name { get; init; }
}

public sealed record MakeUpWorkday
{
    public required DateOnly Date { get; init; }

    public required string Name { get; init; }
}
