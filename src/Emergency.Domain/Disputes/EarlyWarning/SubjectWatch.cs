using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Emergency.Domain.Disputes.Rules;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>
/// The early warning of one watched subject (one enterprise or one place of one scope), as a grain keeps it: the same
/// rule as <see cref="ComplaintClusterDetector"/>, on state small enough to store with every complaint. A burst starts
/// when the window ending at a complaint holds N complaints; later complaints join it while the window still holds N;
/// when one finds fewer, the burst is over and only that complaint counts towards the next one.
/// <para>
/// Whether a window holds N complaints depends only on the N newest, so the state keeps only those in full, and of
/// the <see cref="Remembered"/> complaints counted before them a fingerprint each, to recognise a retry: whatever the
/// rate, a surge costs no more per complaint than a quiet day, and the state is written with every complaint.
/// </para>
/// </summary>
public static class SubjectWatch
{
    /// <summary>How many complaints counted before the N newest a retry is still recognised among (by fingerprint).</summary>
    public const int Remembered = 128;

    /// <summary>Bytes of a complaint's fingerprint: the first of the SHA-256 of its case id.</summary>
    public const int FingerprintBytes = 6;

    /// <summary>Counts one complaint about the subject. A complaint already counted changes nothing.</summary>
    public static WatchOutcome Observe(SubjectWatchState state, WatchedComplaint complaint, EarlyWarningRule rule, string ruleSetId)
    {
        TakeOver(state);
        Span<byte> fingerprint = stackalloc byte[FingerprintBytes];
        Fingerprint(complaint.CaseId, fingerprint);
        if (state.Recent.Any(c => c.CaseId == complaint.CaseId) || Seen(state.Seen, fingerprint))
        {
            return new WatchOutcome(null, state.ActiveWarningId, Duplicate: true);
        }

        var index = state.Recent.FindIndex(c => c.At > complaint.At);
        state.Recent.Insert(index < 0 ? state.Recent.Count : index, complaint);
        var newest = state.Recent[^1].At;
        // Sorted by time: those before the first inside the window are out of it; of the rest only the N newest count.
        var outside = state.Recent.FindIndex(c => c.At >= newest - rule.Window);
        Remember(state, state.Recent.Take(Math.Max(outside, state.Recent.Count - rule.Complaints)).ToList());

        if (state.ActiveWarningId is { } active)
        {
            if (state.Recent.Count >= rule.Complaints)
            {
                state.JoinedActive++;
                return new WatchOutcome(null, active, Duplicate: false);
            }

            // The burst is over: its complaints are spent, only this one may start the next.
            Remember(state, state.Recent.Where(c => c.CaseId != complaint.CaseId).ToList());
            state.ActiveWarning = null;
            state.JoinedActive = 0;
        }

        if (state.Recent.Count < rule.Complaints)
        {
            return new WatchOutcome(null, null, Duplicate: false);
        }

        var warning = new EarlyWarningRecord
        {
            Id = WarningId(state.Scope, state.Kind, state.Key, newest),
            Scope = state.Scope,
            SubjectKind = state.Kind,
            Subject = state.Display,
            Region = state.Recent[^1].Region,
            RaisedAt = newest,
            FirstAt = state.Recent[0].At,
            Evidence = [.. state.Recent.Select(c => new WarningEvidence { CaseId = c.CaseId, At = c.At })],
            Rule = rule.Describe(),
            RuleSetId = ruleSetId,
            Version = 1,
        };
        state.ActiveWarning = warning;
        state.JoinedActive = 0;
        return new WatchOutcome(warning, warning.Id, Duplicate: false);
    }

    /// <summary>The state key of a subject: its kind and its normalised spelling; null when there is nothing to watch.</summary>
    public static string? KeyOf(ClusterSubjectKind kind, string? subject) =>
        ComplaintClusterDetector.Normalise(subject) is { } key ? $"{(kind == ClusterSubjectKind.Enterprise ? "enterprise" : "place")}/{key}" : null;

    /// <summary>A short, stable id: a retried complaint raises the very same warning, never a second one.</summary>
    public static string WarningId(string scope, ClusterSubjectKind kind, string key, DateTimeOffset raisedAt) =>
        "wrn-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{kind}\n{key}\n{raisedAt.UtcTicks}")))[..20];

    /// <summary>
    /// Complaints leaving the full list (older than the N newest, out of the window, or spent by a burst that is over)
    /// are remembered by fingerprint, the newest <see cref="Remembered"/>, so that a late retry of one is not counted again.
    /// </summary>
    private static void Remember(SubjectWatchState state, List<WatchedComplaint> leaving)
    {
        if (leaving.Count == 0)
        {
            return;
        }

        // The newest of those leaving, then as many of the fingerprints already kept as still fit, newest first.
        var added = Math.Min(leaving.Count, Remembered);
        var kept = Math.Min(state.Seen.Length, (Remembered - added) * FingerprintBytes);
        var seen = new byte[kept + (added * FingerprintBytes)];
        state.Seen.AsSpan(state.Seen.Length - kept).CopyTo(seen);
        var at = kept;
        foreach (var c in leaving.Skip(leaving.Count - added))
        {
            Fingerprint(c.CaseId, seen.AsSpan(at, FingerprintBytes));
            at += FingerprintBytes;
        }

        state.Seen = seen;
        var ids = leaving.Select(c => c.CaseId).ToHashSet(StringComparer.Ordinal);
        state.Recent.RemoveAll(c => ids.Contains(c.CaseId));
    }

    /// <summary>A state stored before fingerprints: its list of spent complaints, and complaints beyond the N newest, become fingerprints.</summary>
    private static void TakeOver(SubjectWatchState state)
    {
        if (state.Counted is { } counted)
        {
            state.Counted = null;
            Remember(state, [.. counted.Select(id => new WatchedComplaint { CaseId = id, At = default, Region = "" })]);
        }
    }

    private static void Fingerprint(string caseId, Span<byte> into)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(caseId), hash);
        hash[..FingerprintBytes].CopyTo(into);
    }

    private static bool Seen(byte[] seen, ReadOnlySpan<byte> fingerprint)
    {
        for (var at = 0; at + FingerprintBytes <= seen.Length; at += FingerprintBytes)
        {
            if (seen.AsSpan(at, FingerprintBytes).SequenceEqual(fingerprint))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a subject's early warning keeps. Persisted as JSON.</summary>
public sealed class SubjectWatchState
{
    public string Scope { get; set; } = "live";

    public ClusterSubjectKind Kind { get; set; }

    /// <summary>The normalised subject ("enterprise/ZHUOZHANG CHEMICAL").</summary>
    public string Key { get; set; } = "";

    /// <summary>The subject as the first complaint wrote it.</summary>
    public string Display { get; set; } = "";

    /// <summary>The newest complaints inside the window, oldest first, at most the rule's N.</summary>
    public List<WatchedComplaint> Recent { get; set; } = [];

    /// <summary>
    /// The fingerprints (<see cref="SubjectWatch.FingerprintBytes"/> each, oldest first) of the last
    /// <see cref="SubjectWatch.Remembered"/> complaints counted and no longer in <see cref="Recent"/>: counted once, never again.
    /// </summary>
    public byte[] Seen { get; set; } = [];

    /// <summary>Read from a state stored before <see cref="Seen"/>: complaints of a burst that was over. Never written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HashSet<string>? Counted { get; set; }

    /// <summary>The warning of the burst under way, if one is: raised again after a retry, in case its first raise was lost.</summary>
    public EarlyWarningRecord? ActiveWarning { get; set; }

    [JsonIgnore]
    public string? ActiveWarningId => ActiveWarning?.Id;

    /// <summary>Complaints that joined the active warning after it was raised.</summary>
    public int JoinedActive { get; set; }

    [JsonIgnore]
    public bool Exists => Key.Length > 0;
}

/// <summary>A complaint as a subject's watch keeps it: no person, only the case, its time and its region.</summary>
public sealed record WatchedComplaint
{
    public required string CaseId { get; init; }

    /// <summary>When the complaint was received.</summary>
    public required DateTimeOffset At { get; init; }

    public required string Region { get; init; }
}

/// <param name="Raised">The warning this complaint raised, if it did.</param>
/// <param name="WarningId">The warning the complaint belongs to (raised now or before), if any.</param>
/// <param name="Duplicate">The complaint had been counted already.</param>
public sealed record WatchOutcome(EarlyWarningRecord? Raised, string? WarningId, bool Duplicate);
