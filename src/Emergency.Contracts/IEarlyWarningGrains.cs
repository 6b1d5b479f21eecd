using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Disputes.Rules;
using Orleans.Concurrency;

namespace Emergency.Contracts;

/// <summary>
/// The early warning of one watched subject, keyed "{scope}/{enterprise|place}/{normalised subject}" (see
/// <see cref="EarlyWarningKeys"/>): one grain per enterprise or place, so a surge spreads over as many grains as
/// there are subjects, and each keeps only the newest complaints about its own subject.
/// </summary>
public interface IComplaintWatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts a durable complaint; answers once the count is durable. Counting the same case twice changes nothing.
    /// The complaint, the rule and the outcome are records never changed once made: passed by reference within a
    /// silo ([Immutable]) instead of deep-copied through JSON with every complaint.
    /// </summary>
    [return: Immutable]
    Task<WatchOutcome> Observe([Immutable] WatchedComplaint complaint, string subject, [Immutable] EarlyWarningRule rule, string ruleSetId);

    /// <summary>Drill scopes only: forgets the watch's complaints (its stored state).</summary>
    Task Purge();
}

/// <summary>The earlier cases of one complainant, keyed "{scope}/{salted hash of the person}": never the person.</summary>
public interface IComplainantGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a case; returns the person's other cases within the look-back, oldest first. A person first seen under
    /// this key takes over the cases kept under <paramref name="formerKey"/> (the grain of the former salted key), when
    /// one is given: null where no history can be kept under it.
    /// </summary>
    /// <remarks>The list answered is made fresh for each call: passed by reference within a silo ([Immutable]).</remarks>
    [return: Immutable]
    Task<IReadOnlyList<string>> Observe(string caseId, DateTimeOffset at, TimeSpan lookback, string? formerKey);

    /// <summary>The person's cases, for the grain of the keyed link to take over.</summary>
    Task<IReadOnlyList<WarningEvidence>> HandOver();

    /// <summary>Clears the stored row once the grain of the keyed link has stored the cases it took over.</summary>
    Task ForgetHandedOver();

    /// <summary>Drill scopes only: forgets the person's cases (the stored state).</summary>
    Task Purge();

    /// <summary>Forgets one case of the person, whose personal data is being purged: a later complaint is not linked to it.</summary>
    Task Forget(string caseId);
}

/// <summary>One raised early warning, keyed by its id ("wrn-…"): its evidence and its escalation into an incident.</summary>
public interface IWarningGrain : IGrainWithStringKey
{
    /// <summary>Stores a warning the watch raised (again, after a retry: nothing changes) and lists it.</summary>
    Task Raise(EarlyWarningRecord warning);

    /// <summary>The warning, or null when none has this id.</summary>
    Task<EarlyWarningRecord?> Get();

    /// <summary>Registers an incident linked to the complaints, and notes it on each of them. Once per warning.</summary>
    Task<CommandResult<EarlyWarningRecord>> Escalate(EscalateWarning command, CommandContext context);

    /// <summary>Drill scopes only: deletes the warning's stored state.</summary>
    Task Purge();
}

/// <summary>The warnings of one scope, keyed by scope: few (one per burst), so one grain lists them all.</summary>
public interface IWarningDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a warning durably before it is announced.</summary>
    Task Add(EarlyWarningRecord warning);

    /// <summary>Takes a newer version of a warning (an escalation).</summary>
    [OneWay]
    Task Publish(EarlyWarningRecord warning);

    /// <summary>Every warning of the scope, newest first.</summary>
    Task<IReadOnlyList<EarlyWarningRecord>> List();

    /// <summary>Drill scopes only: purges every warning of the scope and the list itself; returns how many warnings.</summary>
    Task<int> Purge();
}

/// <summary>How early warning grains are keyed.</summary>
public static class EarlyWarningKeys
{
    public static string Watch(string scope, string subjectKey) => $"{scope}/{subjectKey}";

    public static string Complainant(string scope, string personKey) => $"{scope}/{personKey}";
}
