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
    /// Counts the complaint; returns the earlier cases of the same person within the rule's look-back. The person is
    /// known by the keyed link (<see cref="ComplainantLinkKey"/>); cases stored under the former salted key are
    /// carried over at the person's first complaint after the change, where <paramref name="former"/> says they may exist.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ObserveAsync(IGrainFactory grains, DisputeState dispute, PetitionRuleSet rules, ComplainantLinkKey link, FormerKeyLookup former)
    {
        var lookUnderFormerKey = await former.Needed();
        var rule = rules.EarlyWarning;
        var complaint = new WatchedComplaint { CaseId = dispute.Id, At = dispute.ReceivedAt, Region = dispute.Subject.Region };
        var enterprise = Watch(grains, dispute, ClusterSubjectKind.Enterprise, dispute.Subject.Enterprise, complaint, rules);
        var place = Watch(grains, dispute, ClusterSubjectKind.Place, dispute.Subject.Place, complaint, rules);
        var person = ComplainantHistory.KeyOf(dispute.Complainant, link.Bytes) is { } personKey
            ? KeyedReferences<IComplainantGrain>.Get(grains, EarlyWarningKeys.Complainant(dispute.Scope, personKey)).Observe(
                dispute.Id, dispute.ReceivedAt, rule.RepeatLookback, lookUnderFormerKey ? FormerKey(dispute) : null)
            : Task.FromResult<IReadOnlyList<string>>([]);
        await Task.WhenAll(enterprise, place, person);
        return await person;
    }

    /// <summary>Counts the complaint in the watch of one of its subjects; nothing to do where the complaint names none.</summary>
    private static Task Watch(IGrainFactory grains, DisputeState dispute, ClusterSubjectKind kind, string? subject, WatchedComplaint complaint, PetitionRuleSet rules) =>
        SubjectWatch.KeyOf(kind, subject) is { } key
            ? KeyedReferences<IComplaintWatchGrain>.Get(grains, EarlyWarningKeys.Watch(dispute.Scope, key)).Observe(complaint, subject!.Trim(), rules.EarlyWarning, rules.Id)
            : Task.CompletedTask;

    /// <summary>
    /// A live case whose personal data is purged: its person's history forgets it, under the keyed link and the former
    /// salted one (a history not yet carried over). The subjects' watches keep it: they count complaints about an
    /// enterprise or a place, and name no person.
    /// </summary>
    public static Task ForgetPersonAsync(IGrainFactory grains, DisputeState dispute, ComplainantLinkKey link) =>
        ComplainantHistory.KeyOf(dispute.Complainant, link.Bytes) is { } personKey
            ? Task.WhenAll(
                grains.GetGrain<IComplainantGrain>(EarlyWarningKeys.Complainant(dispute.Scope, personKey)).Forget(dispute.Id),
                grains.GetGrain<IComplainantGrain>(FormerKey(dispute)).Forget(dispute.Id))
            : Task.CompletedTask;

    private static string FormerKey(DisputeState dispute) =>
        EarlyWarningKeys.Complainant(dispute.Scope, ComplainantHistory.SaltedKeyOf(dispute.Complainant, ComplainantLinkKey.FormerSalt)!);

    /// <summary>Drill scopes only: purges what the early warning kept of the complaint (its subjects' watches, its person's history).</summary>
    public static Task PurgeAsync(IGrainFactory grains, DisputeState dispute, ComplainantLinkKey link)
    {
        var purges = new List<Task>(3);
        foreach (var (kind, subject) in new[] { (ClusterSubjectKind.Enterprise, dispute.Subject.Enterprise), (ClusterSubjectKind.Place, dispute.Subject.Place) })
        {
            if (SubjectWatch.KeyOf(kind, subject) is { } key)
            {
                purges.Add(grains.GetGrain<IComplaintWatchGrain>(EarlyWarningKeys.Watch(dispute.Scope, key)).Purge());
            }
        }

        if (ComplainantHistory.KeyOf(dispute.Complainant, link.Bytes) is { } personKey)
        {
            purges.Add(grains.GetGrain<IComplainantGrain>(EarlyWarningKeys.Complainant(dispute.Scope, personKey)).Purge());
        }

        return Task.WhenAll(purges);
    }
}
