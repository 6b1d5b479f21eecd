using System.Globalization;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Calendar;

/// <summary>
/// Which days are working days (工作日), and where a limit in days or months ends. A year the calendar file
/// lists uses its holidays and make-up working days (调休); any other year falls back to Monday to Friday, and
/// every deadline counted over such a year says so in its basis.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>A limit that still has not found its working days after this many days has a broken calendar.</summary>
    private const int MaxDaysScanned = 3_700;

    private readonly Dictionary<int, Year> _years;

    private WorkingCalendar(CalendarFile file)
    {
        Id = file.Id;
        Title = file.Title;
        UtcOffset = file.UtcOffset;
        _years = file.Years.ToDictionary(y => y.Key, y => new Year(
            [.. y.Value.Holidays.SelectMany(h => Days(h.From, h.To))],
            [.. y.Value.Workdays.Select(w => w.Date)],
            y.Value.Source));
    }

    public string Id { get; }

    public string Title { get; }

    public TimeSpan UtcOffset { get; }

    /// <summary>The years the calendar knows, in order.</summary>
    public IReadOnlyList<int> Years => [.. _years.Keys.Order()];

    public static WorkingCalendar Load(string file, RuleOverrides? overrides = null)
    {
        if (!File.Exists(file))
        {
            throw new RuleSetException(file, "", "the holiday calendar does not exist (setting Rules:Directory, file calendar/cn-holidays.json)");
        }

        return Parse(file, File.ReadAllText(file), overrides);
    }

    public static WorkingCalendar Parse(string file, string json, RuleOverrides? overrides = null) =>
        new(RuleFiles.Parse<CalendarFile>([(file, json)], overrides, Check)[0]);

    /// <summary>A calendar that knows no year: Monday to Friday everywhere (for tests and for rules without holidays).</summary>
    public static WorkingCalendar MondayToFriday(TimeSpan utcOffset) =>
        new(new CalendarFile { Id = "monday-to-friday", Title = "Monday to Friday", UtcOffset = utcOffset, Years = new Dictionary<int, CalendarYear>() });

    public bool Knows(int year) => _years.ContainsKey(year);

    /// <summary>The source of a year's holidays, or null for a year the calendar does not know.</summary>
    public string? SourceOf(int year) => _years.TryGetValue(year, out var y) ? y.Source : null;

    public bool IsWorkingDay(DateOnly day) => IsWorkingDay(day, unknownYears: null);

    /// <summary>The day a moment falls on, where the limits are counted.</summary>
    public DateOnly DayOf(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(UtcOffset).DateTime);

    /// <summary>24:00 of a day: the last moment that is still on time for a limit ending that day.</summary>
    public DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), UtcOffset);

    /// <summary>
    /// Where a limit of <paramref name="length"/> <paramref name="unit"/> that starts with the event at
    /// <paramref name="from"/> ends, and why: due at 24:00 of its last day, so anything done on the last day is on time.
    /// <paramref name="eventName"/> names the event in the basis ("receipt", "the reply").
    /// </summary>
    public CountedLimit Count(DateTimeOffset from, int length, LimitUnit unit, Counting counting, Message? eventName = null)
    {
        eventName ??= CalendarTexts.TheEvent;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var eventDay = DayOf(from);
        var first = counting.StartsOn == CountFrom.DayAfterEvent ? eventDay.AddDays(1) : eventDay;
        var unknown = new SortedSet<int>();
        DateOnly last;
        switch (unit)
        {
            case LimitUnit.CalendarDays:
                last = first.AddDays(length - 1);
                break;
            case LimitUnit.Months:
                // The corresponding day of the last month (DateOnly.AddMonths falls back to the month's end).
                last = counting.StartsOn == CountFrom.DayAfterEvent ? eventDay.AddMonths(length) : eventDay.AddMonths(length).AddDays(-1);
                break;
            case LimitUnit.WorkingDays:
                last = first;
                for (var counted = 0; ; last = last.AddDays(1))
                {
                    if (IsWorkingDay(last, unknown) && ++counted == length)
                    {
                        break;
                    }

                    GuardScan(first, last);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(unit), unit, "not a limit unit");
        }

        Message moved = CalendarTexts.Nothing;
        if (unit != LimitUnit.WorkingDays && counting.LastDayOnRestDay == RestDayRule.MovesToNextWorkingDay && !IsWorkingDay(last, unknown))
        {
            var restDay = last;
            while (!IsWorkingDay(last, unknown))
            {
                last = last.AddDays(1);
                GuardScan(restDay, last);
            }

            moved = CalendarTexts.Moved.With(("day", CalendarTexts.DayOf(restDay)));
        }

        var start = (counting.StartsOn == CountFrom.DayAfterEvent ? CalendarTexts.FromDayAfter : CalendarTexts.FromEvent)
            .With(("event", eventName), ("day", CalendarTexts.DayOf(eventDay)));
        // One text, not a list argument: the basis is stored and handed out by reference, a list is a collection.
        Arg years = string.Join(", ", unknown);
        Message fallback = unknown.Count switch
        {
            0 => CalendarTexts.Nothing,
            1 => CalendarTexts.UnknownYear.With(("years", years)),
            _ => CalendarTexts.UnknownYears.With(("years", years)),
        };
        return new CountedLimit(EndOf(last), last, CalendarTexts.Counted.With(
            ("length", Describe(length, unit)), ("start", start), ("last", CalendarTexts.DayOf(last)), ("moved", moved), ("fallback", fallback)));
    }

    /// <summary>A limit's length in its unit ("15 days", "5 working days", "3 months").</summary>
    public static Message Describe(int length, LimitUnit unit) => CalendarTexts.Length(length, unit);

    private static string Format(DateOnly day) => day.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static void GuardScan(DateOnly first, DateOnly day)
    {
        if (day.DayNumber - first.DayNumber > MaxDaysScanned)
        {
            throw new InvalidOperationException($"no working day found within {MaxDaysScanned} days of {Format(first)}: the holiday calendar is broken");
        }
    }

    private bool IsWorkingDay(DateOnly day, SortedSet<int>? unknownYears)
    {
        var weekday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        if (!_years.TryGetValue(day.Year, out var year))
        {
            unknownYears?.Add(day.Year);
            return weekday;
        }

        return year.Workdays.Contains(day) || (weekday && !year.Holidays.Contains(day));
    }

    private static void Check(string file, CalendarFile calendar)
    {
        void Fail(string key, string problem) => throw new RuleSetException(file, key, problem);

        if (string.IsNullOrWhiteSpace(calendar.Id))
        {
            Fail("id", "must not be empty");
        }

        if (calendar.UtcOffset < TimeSpan.FromHours(-14) || calendar.UtcOffset > TimeSpan.FromHours(14) || calendar.UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            Fail("utcOffset", $"'{calendar.UtcOffset}' is not a UTC offset (whole minutes between -14 h and +14 h, such as \"PT8H\")");
        }

        foreach (var (number, year) in calendar.Years)
        {
            var key = $"years.{number}";
            if (number is < 1949 or > 2200)
            {
                Fail(key, $"{number} is not a plausible year");
            }

            if (string.IsNullOrWhiteSpace(year.Source))
            {
                Fail($"{key}.source", "every year needs its source");
            }

            var holidays = new HashSet<DateOnly>();
            for (var i = 0; i < year.Holidays.Count; i++)
            {
                var range = year.Holidays[i];
                if (range.From > range.To)
                {
                    Fail($"{key}.holidays[{i}]", $"starts {range.From:yyyy-MM-dd}, after its end {range.To:yyyy-MM-dd}");
                }

                if (range.From.Year != number || range.To.Year != number)
                {
                    Fail($"{key}.holidays[{i}]", $"{range.From:yyyy-MM-dd} to {range.To:yyyy-MM-dd} is not within {number}; list each day under its own year");
                }

                holidays.UnionWith(Days(range.From, range.To));
            }

            for (var i = 0; i < year.Workdays.Count; i++)
            {
                var day = year.Workdays[i].Date;
                if (day.Year != number)
                {
                    Fail($"{key}.workdays[{i}]", $"{day:yyyy-MM-dd} is not within {number}");
                }

                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    Fail($"{key}.workdays[{i}]", $"{day:yyyy-MM-dd} is a {day.DayOfWeek}, a working day anyway: a make-up working day (调休) is a weekend day");
                }

                if (holidays.Contains(day))
                {
                    Fail($"{key}.workdays[{i}]", $"{day:yyyy-MM-dd} is also listed as a holiday");
                }
            }
        }
    }

    private sealed record Year(HashSet<DateOnly> Holidays, HashSet<DateOnly> Workdays, string Source);
}

/// <summary>Where a limit ends: due at 24:00 of <see cref="LastDay"/>, with the counting spelled out.</summary>
public sealed record CountedLimit(DateTimeOffset DueAt, DateOnly LastDay, Message Basis);
