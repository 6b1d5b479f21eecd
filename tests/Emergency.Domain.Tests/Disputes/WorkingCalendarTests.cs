using System.Text.Json.Nodes;
using Emergency.Domain.Calendar;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// Working days (工作日) follow the State Council's holiday notices; a limit starts the day after its event and ends at
/// 24:00 of its last day; a year the calendar does not know is counted Monday to Friday and says so.
/// </summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly Counting DayAfter = new() { StartsOn = CountFrom.DayAfterEvent, LastDayOnRestDay = RestDayRule.Counts, Source = "test" };

    private static WorkingCalendar Calendar => RealCalendar.Calendar;

    [Fact]
    public void The_calendar_knows_2012_2013_and_2022_to_2026_each_with_a_source()
    {
        Assert.Equal([2012, 2013, 2022, 2023, 2024, 2025, 2026], Calendar.Years);
        Assert.All(Calendar.Years, y => Assert.Contains("国务院办公厅", Calendar.SourceOf(y), StringComparison.Ordinal));
        Assert.Null(Calendar.SourceOf(2019));
        Assert.Equal(China, Calendar.UtcOffset);
    }

    [Theory]
    [InlineData("2024-02-04", true)] // Sunday, make-up working day for the Spring Festival
    [InlineData("2024-02-09", true)] // New Year's Eve: only encouraged as a day off
    [InlineData("2024-02-12", false)] // Monday in the Spring Festival
    [InlineData("2024-10-01", false)]
    [InlineData("2024-10-12", true)] // Saturday, make-up working day
    [InlineData("2025-01-01", false)]
    [InlineData("2026-01-04", true)] // Sunday, make-up working day
    [InlineData("2026-02-23", false)]
    [InlineData("2013-02-16", true)]
    [InlineData("2012-06-22", false)]
    [InlineData("2022-04-24", true)]
    [InlineData("2024-03-02", false)] // an ordinary Saturday
    [InlineData("2024-03-04", true)] // an ordinary Monday
    [InlineData("2019-02-05", true)] // Spring Festival 2019, but the calendar does not know 2019: Monday to Friday
    public void Working_days(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_Friday_plus_one_working_day_is_the_Monday()
    {
        var friday = At(2024, 3, 1, 16);

        var limit = Calendar.Count(friday, 1, LimitUnit.WorkingDays, DayAfter, Message.Literal("the transfer"));

        Assert.Equal(new DateOnly(2024, 3, 4), limit.LastDay);
        Assert.Equal(At(2024, 3, 5, 0), limit.DueAt);
        Assert.Equal("1 working day from the day after the transfer on Fri 2024-03-01: last day Mon 2024-03-04, ends 24:00", limit.Basis.En());
    }

    [Fact]
    public void Five_working_days_over_the_2024_Spring_Festival_count_the_make_up_Sunday()
    {
        // 02-10 to 02-17 are the holiday; Sunday 02-18 is a working day.
        var limit = Calendar.Count(At(2024, 2, 9, 11), 5, LimitUnit.WorkingDays, DayAfter);

        Assert.Equal(new DateOnly(2024, 2, 22), limit.LastDay);
        Assert.Equal(At(2024, 2, 23, 0), limit.DueAt);
    }

    [Theory]
    [InlineData(2026, 2, 13, 1, "2026-02-14")] // Saturday before the 2026 Spring Festival is a working day
    [InlineData(2026, 2, 14, 1, "2026-02-24")] // then nine days off
    [InlineData(2013, 2, 8, 1, "2013-02-16")]
    [InlineData(2022, 4, 29, 2, "2022-05-06")] // 04-30 to 05-04 off, Saturday 05-07 working
    [InlineData(2022, 4, 29, 3, "2022-05-07")]
    [InlineData(2025, 9, 30, 1, "2025-10-09")] // the eight days of National Day and Mid-Autumn 2025
    public void Working_days_across_holidays(int year, int month, int day, int length, string lastDay)
    {
        var limit = Calendar.Count(At(year, month, day, 10), length, LimitUnit.WorkingDays, DayAfter);

        Assert.Equal(lastDay, limit.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("Monday to Friday", limit.Basis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_the_calendar_does_not_know_falls_back_to_Monday_to_Friday_and_says_so()
    {
        var limit = Calendar.Count(At(2019, 2, 1, 10), 1, LimitUnit.WorkingDays, DayAfter);

        Assert.Equal(new DateOnly(2019, 2, 4), limit.LastDay);
        Assert.EndsWith("the holiday calendar has no year 2019: counted Monday to Friday there", limit.Basis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_reaching_into_an_unknown_year_names_it()
    {
        var limit = Calendar.Count(At(2026, 12, 28, 10), 5, LimitUnit.WorkingDays, DayAfter);

        Assert.Equal(new DateOnly(2027, 1, 4), limit.LastDay);
        Assert.Contains("no year 2027", limit.Basis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_days_start_the_day_after_and_end_at_24_00_of_the_last_day()
    {
        var limit = Calendar.Count(At(2024, 3, 1, 23, 59), 15, LimitUnit.CalendarDays, DayAfter, Message.Literal("receipt"));

        Assert.Equal(new DateOnly(2024, 3, 16), limit.LastDay);
        Assert.Equal(At(2024, 3, 17, 0), limit.DueAt);
        Assert.Equal("15 days from the day after receipt on Fri 2024-03-01: last day Sat 2024-03-16, ends 24:00", limit.Basis.En());
    }

    [Fact]
    public void The_day_is_the_day_in_China_whatever_offset_the_event_carries()
    {
        // 20:00 UTC on 03-01 is 04:00 on 03-02 in China.
        var limit = Calendar.Count(new DateTimeOffset(2024, 3, 1, 20, 0, 0, TimeSpan.Zero), 1, LimitUnit.CalendarDays, DayAfter);

        Assert.Equal(new DateOnly(2024, 3, 3), limit.LastDay);
    }

    [Theory]
    [InlineData(2024, 11, 30, 3, "2025-02-28")] // no 30th in February: the month's last day
    [InlineData(2024, 1, 31, 1, "2024-02-29")]
    [InlineData(2024, 3, 15, 3, "2024-06-15")] // the corresponding day
    [InlineData(2024, 3, 15, 6, "2024-09-15")]
    public void Months_end_on_the_corresponding_day(int year, int month, int day, int months, string lastDay)
    {
        var limit = Calendar.Count(At(year, month, day, 9), months, LimitUnit.Months, DayAfter);

        Assert.Equal(lastDay, limit.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_rule_may_move_a_last_day_on_a_rest_day_to_the_next_working_day()
    {
        var moving = DayAfter with { LastDayOnRestDay = RestDayRule.MovesToNextWorkingDay };

        var limit = Calendar.Count(At(2024, 3, 1, 10), 15, LimitUnit.CalendarDays, moving);
        var holiday = Calendar.Count(At(2024, 9, 16, 10), 15, LimitUnit.CalendarDays, moving);

        Assert.Equal(new DateOnly(2024, 3, 18), limit.LastDay);
        Assert.Contains("moved from the rest day Sat 2024-03-16 to the next working day", limit.Basis.En(), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 10, 8), holiday.LastDay);
    }

    [Fact]
    public void A_rule_may_count_the_event_day_itself()
    {
        var eventDay = DayAfter with { StartsOn = CountFrom.EventDay };

        Assert.Equal(new DateOnly(2024, 3, 15), Calendar.Count(At(2024, 3, 1, 10), 15, LimitUnit.CalendarDays, eventDay).LastDay);
        Assert.Equal(new DateOnly(2024, 3, 1), Calendar.Count(At(2024, 3, 1, 10), 1, LimitUnit.WorkingDays, eventDay).LastDay);
        Assert.Equal(new DateOnly(2024, 6, 14), Calendar.Count(At(2024, 3, 15, 10), 3, LimitUnit.Months, eventDay).LastDay);
    }

    [Fact]
    public void Monday_to_Friday_alone_knows_no_year()
    {
        var calendar = WorkingCalendar.MondayToFriday(China);

        Assert.Empty(calendar.Years);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2024, 10, 1)));
    }

    [Theory]
    [InlineData("workday on a weekday", "years.2024.workdays[0]", "is a Monday, a working day anyway")]
    [InlineData("range across years", "years.2024.holidays[0]", "is not within 2024")]
    [InlineData("range backwards", "years.2024.holidays[0]", "after its end")]
    [InlineData("workday also a holiday", "years.2024.workdays[0]", "is also listed as a holiday")]
    [InlineData("no source", "years.2024.source", "every year needs its source")]
    [InlineData("implausible year", "years.1800", "is not a plausible year")]
    [InlineData("bad offset", "utcOffset", "is not a UTC offset")]
    [InlineData("unknown property", "years.2024.bridgeDays", "'bridgeDays'")]
    [InlineData("date not a date", "years.2024.workdays[0].date", "")]
    public void A_broken_calendar_names_the_file_the_key_and_the_problem(string @case, string key, string problem)
    {
        var node = JsonNode.Parse(RealCalendar.Text())!.AsObject();
        var year = node["years"]!["2024"]!.AsObject();
        switch (@case)
        {
            case "workday on a weekday": year["workdays"]![0]!["date"] = "2024-03-04"; break;
            case "range across years": year["holidays"]![0]!["to"] = "2025-01-02"; break;
            case "range backwards": year["holidays"]![0]!["from"] = "2024-01-05"; break;
            case "workday also a holiday": year["workdays"]![0]!["date"] = "2024-02-10"; break;
            case "no source": year["source"] = " "; break;
            case "implausible year": node["years"]!["1800"] = year.DeepClone(); node["years"]!.AsObject().Remove("2024"); break;
            case "bad offset": node["utcOffset"] = "PT8H30S"; break;
            case "unknown property": year["bridgeDays"] = new JsonArray(); break;
            case "date not a date": year["workdays"]![0]!["date"] = "04 Feb 2024"; break;
        }

        var ex = Assert.Throws<RuleSetException>(() => WorkingCalendar.Parse("cn-holidays.json", node.ToJsonString()));

        Assert.Equal("cn-holidays.json", ex.File);
        Assert.Equal(key, ex.Key);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_calendar_file_names_the_setting()
    {
        var ex = Assert.Throws<RuleSetException>(() => WorkingCalendar.Load("/no/such/cn-holidays.json"));

        Assert.Contains("Rules:Directory", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_can_add_a_local_holiday_with_its_own_source()
    {
        var year = JsonNode.Parse(RealCalendar.Text())!["years"]!["2024"]!.AsObject();
        var holidays = year["holidays"]!.AsArray().DeepClone().AsArray();
        holidays.Add(new JsonObject { ["from"] = "2024-03-08", ["to"] = "2024-03-08", ["name"] = "local day off" });
        var patch = new JsonObject { ["cn-holidays"] = new JsonObject { ["years"] = new JsonObject { ["2024"] = new JsonObject { ["source"] = "county notice 2024-1", ["holidays"] = holidays } } } };

        var calendar = WorkingCalendar.Parse("cn-holidays.json", RealCalendar.Text(), RuleOverrides.Parse("local.json", patch.ToJsonString()));

        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 3, 8)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 10, 1)));
        Assert.Equal("county notice 2024-1", calendar.SourceOf(2024));
    }

    [Fact]
    public void An_override_of_a_year_without_its_own_source_is_refused()
    {
        const string Patch = """{ "cn-holidays": { "years": { "2024": { "workdays": [] } } } }""";

        var ex = Assert.Throws<RuleSetException>(() => WorkingCalendar.Parse("cn-holidays.json", RealCalendar.Text(), RuleOverrides.Parse("local.json", Patch)));

        Assert.Equal("local.json", ex.File);
        Assert.Equal("cn-holidays.years.2024", ex.Key);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, China);
}
