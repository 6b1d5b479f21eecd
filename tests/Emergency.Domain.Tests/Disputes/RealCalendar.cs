using Emergency.Domain.Calendar;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>The real holiday calendar under config/rules/calendar, loaded once and never mutated.</summary>
public static class RealCalendar
{
    private static readonly Lazy<WorkingCalendar> LazyCalendar = new(() => WorkingCalendar.Load(File));

    public static string File => Path.Combine(RepoPaths.Config, "rules", "calendar", "cn-holidays.json");

    public static WorkingCalendar Calendar => LazyCalendar.Value;

    public static string Text() => System.IO.File.ReadAllText(File);
}
