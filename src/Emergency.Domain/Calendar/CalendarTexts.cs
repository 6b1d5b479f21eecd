using Emergency.Domain.Messages;

namespace Emergency.Domain.Calendar;

/// <summary>How the working calendar says where a limit ends: its length, its first and last day, and why.</summary>
public static class CalendarTexts
{
    public static readonly MessageCode Nothing = new("calendar.nothing");

    public static readonly MessageCode Counted = new("calendar.counted", "length", "start", "last", "moved", "fallback");

    public static readonly MessageCode FromDayAfter = new("calendar.fromDayAfter", "event", "day");

    public static readonly MessageCode FromEvent = new("calendar.fromEvent", "event", "day");

    public static readonly MessageCode Moved = new("calendar.moved", "day");

    public static readonly MessageCode UnknownYear = new("calendar.unknownYear", "years");

    public static readonly MessageCode UnknownYears = new("calendar.unknownYears", "years");

    public static readonly MessageCode TheEvent = new("calendar.theEvent");

    /// <summary>A day with its weekday: "Fri 2024-03-01", "2024-03-01（周五）".</summary>
    public static readonly MessageCode Day = new("calendar.day", "date", "weekday");

    public static readonly MessageCode Day1 = new("calendar.length.day");
    public static readonly MessageCode Days = new("calendar.length.days", "n");
    public static readonly MessageCode WorkingDay1 = new("calendar.length.workingDay");
    public static readonly MessageCode WorkingDays = new("calendar.length.workingDays", "n");
    public static readonly MessageCode Month1 = new("calendar.length.month");
    public static readonly MessageCode Months = new("calendar.length.months", "n");

    private static readonly MessageCode Monday = new("calendar.weekday.monday");
    private static readonly MessageCode Tuesday = new("calendar.weekday.tuesday");
    private static readonly MessageCode Wednesday = new("calendar.weekday.wednesday");
    private static readonly MessageCode Thursday = new("calendar.weekday.thursday");
    private static readonly MessageCode Friday = new("calendar.weekday.friday");
    private static readonly MessageCode Saturday = new("calendar.weekday.saturday");
    private static readonly MessageCode Sunday = new("calendar.weekday.sunday");

    /// <summary>A limit's length in its unit: "15 days", "5 working days", "3 months".</summary>
    public static Message Length(int length, LimitUnit unit) => (unit, length) switch
    {
        (LimitUnit.CalendarDays, 1) => Day1,
        (LimitUnit.CalendarDays, _) => Days.With(("n", length)),
        (LimitUnit.WorkingDays, 1) => WorkingDay1,
        (LimitUnit.WorkingDays, _) => WorkingDays.With(("n", length)),
        (_, 1) => Month1,
        _ => Months.With(("n", length)),
    };

    public static Message DayOf(DateOnly day) => Day.With(
        ("date", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("weekday", (Message)(day.DayOfWeek switch
        {
            DayOfWeek.Monday => Monday,
            DayOfWeek.Tuesday => Tuesday,
            DayOfWeek.Wednesday => Wednesday,
            DayOfWeek.Thursday => Thursday,
            DayOfWeek.Friday => Friday,
            DayOfWeek.Saturday => Saturday,
            _ => Sunday,
        })));
}
