using Emergency.Grains.Cases;
using Orleans.Configuration;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// How long a person's history stays in memory without a call: as long as a case (<c>Cases:IdleAfter</c>). A history
/// leaves sooner once its complaint is counted (<see cref="ComplainantGrain"/>); this bounds one kept by anything else
/// (a purge of personal data). Orleans' own age of 15 minutes kept every history of a surge (60,000 a minute of
/// surge, 900,000 activations); a person who complains again after it was put away costs one read.
/// </summary>
internal static class ComplainantActivity
{
    public static void Apply(CaseActivity activity, GrainCollectionOptions options) =>
        options.ClassSpecificCollectionAge[typeof(ComplainantGrain).FullName!] = activity.IdleAfter;
}
