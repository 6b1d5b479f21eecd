using Emergency.Grains.Cases;
using Orleans.Configuration;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// How long a person's history stays in memory without a call: as long as a case (<c>Cases:IdleAfter</c>). A surge
/// of complaints from people never seen before activates one history grain per person, and Orleans' own age of 15
/// minutes kept every one of them (60,000 a minute of surge, 900,000 activations); a person who complains again after
/// it was put away costs one read.
/// </summary>
internal static class ComplainantActivity
{
    public static void Apply(CaseActivity activity, GrainCollectionOptions options) =>
        options.ClassSpecificCollectionAge[typeof(ComplainantGrain).FullName!] = activity.IdleAfter;
}
