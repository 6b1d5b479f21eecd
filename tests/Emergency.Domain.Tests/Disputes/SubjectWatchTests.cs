using CsCheck;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Disputes.Rules;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// The early warning as a subject's grain keeps it (bounded state, stored with every complaint) decides exactly as
/// the in-memory detector does, and a retried complaint is never counted twice.
/// </summary>
public sealed class SubjectWatchTests
{
    private static readonly DateTimeOffset T0 = new(2023, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static EarlyWarningRule Rule => RealDisputeRules.Petitions.Get("cn-2022").EarlyWarning;

    [Fact]
    public void Raises_the_same_warnings_as_the_detector_on_any_sequence_of_complaints()
    {
        // Gaps from minutes to ten days, so bursts start, continue and end.
        Gen.Int[1, 60 * 24 * 10].Array[1, 120].Sample(gaps =>
        {
            var detector = new ComplaintClusterDetector(Rule);
            var state = new SubjectWatchState { Scope = "live", Kind = ClusterSubjectKind.Enterprise, Key = "enterprise/TIANJI", Display = "Tianji" };
            var at = T0;
            for (var i = 0; i < gaps.Length; i++)
            {
                at = at.AddMinutes(gaps[i]);
                var expected = detector.Observe(new ComplaintSignal { CaseId = $"c{i}", At = at, Enterprise = "Tianji" });
                var actual = SubjectWatch.Observe(state, new WatchedComplaint { CaseId = $"c{i}", At = at, Region = "Changzhi" }, Rule, "cn-2022");
                if (expected.Raised.Count != (actual.Raised is null ? 0 : 1))
                {
                    return false;
                }

                if (actual.Raised is { } raised
                    && (raised.RaisedAt != expected.Raised[0].RaisedAt || !raised.Evidence.Select(e => e.CaseId).SequenceEqual(expected.Raised[0].Evidence)))
                {
                    return false;
                }

                if ((expected.JoinedWarnings.Count > 0) != (actual.Raised is null && actual.WarningId is not null))
                {
                    return false;
                }
            }

            return state.Recent.Count <= Rule.Complaints && state.Seen.Length <= SubjectWatch.Remembered * SubjectWatch.FingerprintBytes;
        }, iter: 300);
    }

    [Fact]
    public void A_retried_complaint_changes_nothing_and_a_surge_keeps_the_state_bounded()
    {
        var state = new SubjectWatchState { Scope = "live", Kind = ClusterSubjectKind.Enterprise, Key = "enterprise/X", Display = "X" };
        WatchOutcome? first = null;
        for (var i = 0; i < 1000; i++)
        {
            var outcome = SubjectWatch.Observe(state, new WatchedComplaint { CaseId = $"c{i}", At = T0.AddSeconds(i), Region = "R" }, Rule, "cn-2022");
            first ??= outcome.Raised is not null ? outcome : null;
            var retry = SubjectWatch.Observe(state, new WatchedComplaint { CaseId = $"c{i}", At = T0.AddSeconds(i), Region = "R" }, Rule, "cn-2022");
            Assert.True(retry.Duplicate);
            Assert.Null(retry.Raised);
        }

        Assert.Equal("c4", first!.Raised!.Evidence[^1].CaseId);
        Assert.Equal(first.Raised.Id, state.ActiveWarningId);
        Assert.Equal(995, state.JoinedActive);
        Assert.Equal(Rule.Complaints, state.Recent.Count);

        // A late retry is recognised among the last complaints by fingerprint, without their being kept in full.
        for (var i = 1000 - Rule.Complaints - SubjectWatch.Remembered; i < 1000; i++)
        {
            Assert.True(SubjectWatch.Observe(state, new WatchedComplaint { CaseId = $"c{i}", At = T0.AddSeconds(i), Region = "R" }, Rule, "cn-2022").Duplicate);
        }

        Assert.Equal(995, state.JoinedActive);
    }

    [Fact]
    public void The_state_written_with_every_complaint_stays_under_three_kilobytes_in_a_surge_and_after_bursts()
    {
        // Written with every complaint about the subject. Keeping the 64 newest complaints in full made it about 7 KB;
        // the active warning (with its rule's text) is now the largest part.
        var state = new SubjectWatchState { Scope = "live", Kind = ClusterSubjectKind.Enterprise, Key = "enterprise/ZHUOZHANG CHEMICAL", Display = "Zhuozhang Chemical" };
        var at = T0;
        for (var i = 0; i < 2000; i++)
        {
            // Bursts of a surge, then ten days of quiet, again and again: complaints of ended bursts are remembered too.
            at = at.Add(i % 400 == 0 ? TimeSpan.FromDays(10) : TimeSpan.FromSeconds(1));
            var id = "pet-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"c{i}")))[..20];
            SubjectWatch.Observe(state, new WatchedComplaint { CaseId = id, At = at, Region = "Changzhi, Shanxi" }, Rule, "cn-2022");
            Assert.InRange(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state, JsonShape.Options).Length, 0, 3072);
        }
    }

    [Fact]
    public void A_state_stored_before_fingerprints_still_recognises_its_complaints()
    {
        var stored = new SubjectWatchState
        {
            Scope = "live", Kind = ClusterSubjectKind.Enterprise, Key = "enterprise/X", Display = "X",
            Recent = [.. Enumerable.Range(0, 64).Select(i => new WatchedComplaint { CaseId = $"r{i}", At = T0.AddSeconds(i), Region = "R" })],
            Counted = ["spent-1", "spent-2"],
        };
        var state = System.Text.Json.JsonSerializer.Deserialize<SubjectWatchState>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(stored, JsonShape.Options), JsonShape.Options)!;
        Assert.False(SubjectWatch.Observe(state, new WatchedComplaint { CaseId = "new", At = T0.AddSeconds(64), Region = "R" }, Rule, "cn-2022").Duplicate);
        foreach (var id in new[] { "spent-1", "spent-2", "r0", "r63", "new" })
        {
            Assert.True(SubjectWatch.Observe(state, new WatchedComplaint { CaseId = id, At = T0.AddSeconds(65), Region = "R" }, Rule, "cn-2022").Duplicate);
        }

        Assert.Null(state.Counted);
        Assert.DoesNotContain("counted", System.Text.Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state, JsonShape.Options)), StringComparison.Ordinal);
        Assert.Equal(Rule.Complaints, state.Recent.Count);
    }

    [Fact]
    public void A_complainant_is_known_by_a_keyed_hash_and_linked_within_the_look_back()
    {
        var key = ComplainantHistory.KeyOf(new Complainant { IdNumber = "11010519491231002X" }, "key"u8);
        Assert.Equal(key, ComplainantHistory.KeyOf(new Complainant { IdNumber = " 11010519491231002x", Contact = "other" }, "key"u8));
        Assert.NotEqual(key, ComplainantHistory.KeyOf(new Complainant { IdNumber = "11010519491231002X" }, "another key"u8));
        Assert.DoesNotContain("110105", key!, StringComparison.Ordinal);
        Assert.Equal(ComplainantHistory.KeyOf(new Complainant { Contact = "+86 138 0013 8000" }, "k"u8), ComplainantHistory.KeyOf(new Complainant { Contact = "138-0013-8000" }, "k"u8));
        Assert.Null(ComplainantHistory.KeyOf(new Complainant(), "k"u8));

        // HMAC-SHA256 (RFC 2104) of "id\n{number}" under the key, its first 128 bits in hex.
        var expected = "p-" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("key"u8, "id\n11010519491231002X"u8))[..32];
        Assert.Equal(expected, key);

        // The key the engine gave before link keys: still computed, to carry a person's history over.
        Assert.Equal(
            "p-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("emergency/complainant/v1\nid\n11010519491231002X"u8))[..32],
            ComplainantHistory.SaltedKeyOf(new Complainant { IdNumber = "11010519491231002x" }, "emergency/complainant/v1"));

        var history = new ComplainantHistoryState();
        Assert.Empty(ComplainantHistory.Observe(history, "a", T0, Rule.RepeatLookback));
        Assert.Equal(["a"], ComplainantHistory.Observe(history, "b", T0.AddDays(30), Rule.RepeatLookback));
        Assert.Equal(["a"], ComplainantHistory.Observe(history, "b", T0.AddDays(30), Rule.RepeatLookback));
        Assert.Equal(["b"], ComplainantHistory.Observe(history, "c", T0.AddDays(30) + Rule.RepeatLookback, Rule.RepeatLookback));
    }
}
