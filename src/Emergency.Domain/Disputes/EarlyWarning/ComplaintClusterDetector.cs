using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Emergency.Domain.Disputes.Rules;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>
/// Early warning on complaints (预警): N complaints about one enterprise or one place within the window raise a
/// warning with the evidence, once per burst, and complaints of the same person are linked.
/// <para>
/// A burst starts when the window ending at a complaint holds N complaints about the subject (both ends included).
/// Later complaints join it while the window still holds N; when a complaint finds fewer, the burst is over, and
/// the complaints it was made of no longer count: a new warning needs N new complaints within a window.
/// </para>
/// <para>
/// Each subject keeps only the complaints inside its window (a sliding window, amortised O(1) per complaint), and a
/// person is known only by a hash of the id number or contact, kept for the look-back: 10,000 complaints a minute
/// over a few hundred subjects cost a few dictionary look-ups each.
/// </para>
/// </summary>
public sealed class ComplaintClusterDetector
{
    /// <summary>How many earlier cases are kept per person.</summary>
    public const int CasesKeptPerPerson = 50;

    /// <summary>The fewest complaints between two sweeps; a sweep costs one pass over what is remembered.</summary>
    private const int MinSweepInterval = 10_000;

    private readonly EarlyWarningRule _rule;
    private readonly byte[] _salt;
    /// <summary>Subject spellings already normalised: a few hundred subjects are written the same way again and again.</summary>
    private const int SpellingsKept = 50_000;

    private readonly Dictionary<(ClusterSubjectKind Kind, string Key), SubjectWindow> _subjects = [];
    private readonly Dictionary<string, string?> _spellings = new(StringComparer.Ordinal);
    private readonly Dictionary<UInt128, PersonCases> _people = [];
    private int _observedSinceSweep;
    private int _sweepAfter = MinSweepInterval;
    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    /// <param name="rule">N, the window and the look-back, from the petition rule set in force.</param>
    /// <param name="salt">Mixed into the hashes of id numbers and contacts, so a copy of the detector's memory does not reveal them by a table of hashes.</param>
    public ComplaintClusterDetector(EarlyWarningRule rule, string? salt = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Complaints, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rule.Window, TimeSpan.Zero);
        _rule = rule;
        _salt = Encoding.UTF8.GetBytes(salt ?? "");
    }

    public EarlyWarningRule Rule => _rule;

    /// <summary>Subjects with complaints inside their window.</summary>
    public int Subjects => _subjects.Count;

    /// <summary>People remembered for linking.</summary>
    public int People => _people.Count;

    public ClusterObservation Observe(ComplaintSignal complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (complaint.At > _newest)
        {
            _newest = complaint.At;
        }

        var raised = new List<ClusterWarning>(0);
        var joined = new List<string>(0);
        Count(ClusterSubjectKind.Enterprise, complaint.Enterprise, complaint, raised, joined);
        Count(ClusterSubjectKind.Place, complaint.Place, complaint, raised, joined);
        var repeats = Link(complaint);
        Sweep();
        return new ClusterObservation { Raised = raised, JoinedWarnings = joined, RepeatOf = repeats };
    }

    /// <summary>Warnings whose burst still has N complaints in the window ending at <paramref name="now"/>.</summary>
    public IReadOnlyList<ClusterWarning> Active(DateTimeOffset now) =>
        [.. _subjects.Values.Where(s => s.Burst is not null && s.CountSince(now - _rule.Window, now) >= _rule.Complaints).Select(s => s.Burst!).OrderBy(w => w.RaisedAt)];

    /// <summary>The subject key: full-width and half-width forms, case and spacing do not make another subject.</summary>
    public static string? Normalise(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        var text = (Ascii.IsValid(subject) ? subject : subject.Normalize(NormalizationForm.FormKC)).ToUpperInvariant();
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private string? Key(string subject)
    {
        if (_spellings.TryGetValue(subject, out var key))
        {
            return key;
        }

        if (_spellings.Count >= SpellingsKept)
        {
            _spellings.Clear();
        }

        key = Normalise(subject);
        _spellings[subject] = key;
        return key;
    }

    private void Count(ClusterSubjectKind kind, string? subject, ComplaintSignal complaint, List<ClusterWarning> raised, List<string> joined)
    {
        if (subject is null || Key(subject) is not { } key)
        {
            return;
        }

        if (!_subjects.TryGetValue((kind, key), out var window))
        {
            window = new SubjectWindow(subject!.Trim());
            _subjects[(kind, key)] = window;
        }

        window.Insert(complaint.At, complaint.CaseId);
        window.EvictBefore(window.Newest - _rule.Window);
        if (window.Burst is { } burst)
        {
            if (window.Count >= _rule.Complaints)
            {
                joined.Add(burst.Id);
                return;
            }

            // The burst is over: its complaints are spent, only this one may start the next.
            window.Burst = null;
            window.KeepOnly(complaint.At, complaint.CaseId);
        }

        if (window.Count >= _rule.Complaints)
        {
            var evidence = window.Cases();
            var warning = new ClusterWarning
            {
                Id = $"{(kind == ClusterSubjectKind.Enterprise ? "enterprise" : "place")}/{key}/{window.Newest.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture)}",
                SubjectKind = kind,
                Subject = window.Display,
                RaisedAt = window.Newest,
                FirstAt = window.Oldest,
                Evidence = evidence,
                Rule = _rule.Describe(),
            };
            window.Burst = warning;
            raised.Add(warning);
        }
    }

    private IReadOnlyList<string> Link(ComplaintSignal complaint)
    {
        Span<UInt128> keys = stackalloc UInt128[2];
        var count = 0;
        if (!string.IsNullOrWhiteSpace(complaint.IdNumber))
        {
            keys[count++] = Hash(IdNumberKey, complaint.IdNumber.Trim().ToUpperInvariant());
        }

        if (NormaliseContact(complaint.Contact) is { } contact)
        {
            keys[count++] = Hash(ContactKey, contact);
        }

        var earliest = complaint.At - _rule.RepeatLookback;
        List<(DateTimeOffset At, string CaseId)>? earlier = null;
        foreach (var key in keys[..count])
        {
            ref var person = ref CollectionsMarshal.GetValueRefOrAddDefault(_people, key, out var known);
            if (known)
            {
                person.CollectInto(ref earlier, earliest, complaint.At, complaint.CaseId);
            }

            person.Add(complaint.At, complaint.CaseId);
        }

        return earlier is null ? [] : [.. earlier.OrderBy(c => c.At).Select(c => c.CaseId).Distinct()];
    }

    /// <summary>Forgets subjects with nothing in their window and people not seen within the look-back, now and then.</summary>
    private void Sweep()
    {
        if (++_observedSinceSweep < _sweepAfter)
        {
            return;
        }

        _observedSinceSweep = 0;
        var horizon = _newest - _rule.RepeatLookback;
        foreach (var key in _people.Where(p => p.Value.LastSeen < horizon).Select(p => p.Key).ToList())
        {
            _people.Remove(key);
        }

        foreach (var (key, window) in _subjects.ToList())
        {
            window.EvictBefore(_newest - _rule.Window);
            if (window.Count == 0)
            {
                _subjects.Remove(key);
            }
        }

        // As many complaints before the next sweep as there is to sweep: amortised O(1) per complaint.
        _sweepAfter = Math.Max(MinSweepInterval, _people.Count + _subjects.Count);
    }

    private const byte IdNumberKey = 1;
    private const byte ContactKey = 2;

    /// <summary>The first 128 bits of SHA-256 over salt, kind and value: enough to tell people apart, nothing to read back.</summary>
    private UInt128 Hash(byte kind, string value)
    {
        var length = _salt.Length + 1 + Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        _salt.CopyTo(buffer);
        buffer[_salt.Length] = kind;
        var written = Encoding.UTF8.GetBytes(value, buffer[(_salt.Length + 1)..]);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer[..(_salt.Length + 1 + written)], digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>"138-0013-8000", "+86 138 0013 8000" and "13800138000" are one telephone; e-mail ignores case.</summary>
    private static string? NormaliseContact(string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact))
        {
            return null;
        }

        var text = (Ascii.IsValid(contact) ? contact : contact.Normalize(NormalizationForm.FormKC)).Trim().ToLowerInvariant();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length > 0 ? digits : text;
    }

    /// <summary>The complaints about one subject inside its window, oldest first.</summary>
    private sealed class SubjectWindow(string display)
    {
        private readonly List<(DateTimeOffset At, string CaseId)> _entries = [];
        private int _head;

        public string Display { get; } = display;

        public ClusterWarning? Burst { get; set; }

        public int Count => _entries.Count - _head;

        public DateTimeOffset Newest => _entries[^1].At;

        public DateTimeOffset Oldest => _entries[_head].At;

        /// <summary>Appends; a complaint that arrives out of order goes to its place.</summary>
        public void Insert(DateTimeOffset at, string caseId)
        {
            if (Count == 0 || at >= Newest)
            {
                _entries.Add((at, caseId));
                return;
            }

            var index = _entries.FindIndex(_head, e => e.At > at);
            _entries.Insert(index, (at, caseId));
        }

        /// <summary>Drops complaints older than <paramref name="start"/>; one at the window's start still counts.</summary>
        public void EvictBefore(DateTimeOffset start)
        {
            while (_head < _entries.Count && _entries[_head].At < start)
            {
                _head++;
            }

            if (_head > 64 && _head * 2 > _entries.Count)
            {
                _entries.RemoveRange(0, _head);
                _head = 0;
            }
        }

        public void KeepOnly(DateTimeOffset at, string caseId)
        {
            _entries.Clear();
            _head = 0;
            _entries.Add((at, caseId));
        }

        public int CountSince(DateTimeOffset start, DateTimeOffset end)
        {
            var count = 0;
            for (var i = _entries.Count - 1; i >= _head && _entries[i].At >= start; i--)
            {
                if (_entries[i].At <= end)
                {
                    count++;
                }
            }

            return count;
        }

        public List<string> Cases() => [.. _entries.Skip(_head).Select(e => e.CaseId)];
    }

    /// <summary>The most recent cases of one person, known by a hash; most people complain once, so the first case is kept inline.</summary>
    private struct PersonCases
    {
        private (DateTimeOffset At, string CaseId) _latest;
        private List<(DateTimeOffset At, string CaseId)>? _earlier;

        public DateTimeOffset LastSeen { get; private set; }

        public void Add(DateTimeOffset at, string caseId)
        {
            if (_latest.CaseId is not null)
            {
                _earlier ??= new List<(DateTimeOffset At, string CaseId)>(2);
                _earlier.Add(_latest);
                if (_earlier.Count >= CasesKeptPerPerson)
                {
                    _earlier.RemoveAt(0);
                }
            }

            _latest = (at, caseId);
            if (at > LastSeen)
            {
                LastSeen = at;
            }
        }

        public readonly void CollectInto(ref List<(DateTimeOffset At, string CaseId)>? cases, DateTimeOffset from, DateTimeOffset to, string except)
        {
            if (Counts(_latest, from, to, except))
            {
                (cases ??= []).Add(_latest);
            }

            foreach (var c in _earlier ?? [])
            {
                if (Counts(c, from, to, except))
                {
                    (cases ??= []).Add(c);
                }
            }
        }

        private static bool Counts((DateTimeOffset At, string CaseId) c, DateTimeOffset from, DateTimeOffset to, string except) =>
            c.CaseId is not null && c.At >= from && c.At <= to && c.CaseId != except;
    }
}
