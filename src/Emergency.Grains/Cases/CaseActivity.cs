using Orleans.Configuration;

namespace Emergency.Grains.Cases;

/// <summary>
/// How long a case stays in memory without a call (<c>Cases:IdleAfter</c>). Its deadlines do not need it there: the
/// case index keeps its next wake-up and the directory wakes it then. Orleans' own age for every grain is 15 minutes,
/// which kept every case registered in a burst in memory (about 18 KB each) for a quarter of an hour; a case called
/// again after it was put away costs one read.
/// </summary>
/// <param name="IdleAfter">Idle time after which Orleans' collector, which looks once a minute, may put a case away.</param>
public sealed record CaseActivity(TimeSpan IdleAfter)
{
    /// <summary>Two minutes: a case in active work is called more often than that, and a burst leaves memory soon.</summary>
    public static readonly CaseActivity Default = new(TimeSpan.FromMinutes(2));

    /// <summary>The shortest idle age accepted: longer than the collector's one-minute round, as Orleans requires.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>Every kind of case's grain class, found from the case machinery they share.</summary>
    public static IReadOnlyList<Type> CaseGrainClasses { get; } = [.. typeof(CaseActivity).Assembly.GetTypes().Where(IsCaseGrain)];

    /// <summary>Sets the idle age of every case grain class (Orleans keys it by the class's full name).</summary>
    public void Apply(GrainCollectionOptions options)
    {
        foreach (var grain in CaseGrainClasses)
        {
            options.ClassSpecificCollectionAge[grain.FullName!] = IdleAfter;
        }
    }

    private static bool IsCaseGrain(Type type)
    {
        if (type.IsAbstract || !type.IsClass)
        {
            return false;
        }

        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CaseGrain<,,,>))
            {
                return true;
            }
        }

        return false;
    }
}
