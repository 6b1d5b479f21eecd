using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Disputes.Rules;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// Hands a durable complaint to the early warning: the watch of its enterprise and of its place (each its own grain,
/// so a surge about a few hundred enterprises spreads over a few hundred grains), and the history of its complainant.
/// </summary>
public static class ComplaintObserver
{
    /// <summary>
    /// Mixed into the complainant's key, so that a stored key is not simply the hash of an id number. A deployment
    /// that needs more keeps the key out of reach of a table of hashes by changing this with a new service id.
    /// </summary>
    public const string Salt = "emergency/complainant/v1";

    /// <summary>Counts the complaint; returns the earlier cases of the same person within the rule's look-back.</summary>
    public static async Task<IReadOnlyList<string>> ObserveAsync(IGrainFactory grains, DisputeState dispute, PetitionRuleSet rules)
    {
        var rule = rules.EarlyWarning;
        var complaint = new WatchedComplaint { CaseId = dispute.Id, At = dispute.ReceivedAt, Region = dispute.Subject.Region };
        var watches = new List<Task>(2);
        foreach (var (kind, subject) in new[] { (ClusterSubjectKind.Enterprise, dispute.Subject.Enterprise), (ClusterSubjectKind.Place, dispute.Subject.Place) })
        {
            if (SubjectWatch.KeyOf(kind, subject) is { } key)
            {
                watches.Add(grains.GetGrain<IComplaintWatchGrain>(EarlyWarningKeys.Watch(dispute.Scope, key)).Observe(complaint, subject!.Trim(), rule, rules.Id));
            }
        }

        var person = ComplainantHistory.KeyOf(dispute.Complainant, Salt) is { } personKey
            ? grains.GetGrain<IComplainantGrain>(EarlyWarningKeys.Complainant(dispute.Scope, personKey)).Observe(dispute.Id, dispute.ReceivedAt, rule.RepeatLookback)
            : Task.FromResult<IReadOnlyList<string>>([]);
        await Task.WhenAll(watches.Append(person));
        return await person;
    }

    /// <summary>Drill scopes only: purges what the early warning kept of the complaint (its subjects' watches, its person's history).</summary>
    public static Task PurgeAsync(IGrainFactory grains, DisputeState dispute)
    {
        var purges = new List<Task>(3);
        foreach (var (kind, subject) in new[] { (ClusterSubjectKind.Enterprise, dispute.Subject.Enterprise), (ClusterSubjectKind.Place, dispute.Subject.Place) })
        {
            if (SubjectWatch.KeyOf(kind, subject) is { } key)
            {
                purges.Add(grains.GetGrain<IComplaintWatchGrain>(EarlyWarningKeys.Watch(dispute.Scope, key)).Purge());
            }
        }

        if (ComplainantHistory.KeyOf(dispute.Complainant, Salt) is { } personKey)
        {
            purges.Add(grains.GetGrain<IComplainantGrain>(EarlyWarningKeys.Complainant(dispute.Scope, personKey)).Purge());
        }

        return Task.WhenAll(purges);
    }
}
