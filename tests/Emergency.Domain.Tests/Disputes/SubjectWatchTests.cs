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

            return state.Recent.Count <= SubjectWatch.Kept;
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
        Assert.Equal(SubjectWatch.Kept, state.Recent.Count);
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
