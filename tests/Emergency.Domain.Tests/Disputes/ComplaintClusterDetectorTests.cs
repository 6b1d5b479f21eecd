using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Disputes.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// N complaints about one enterprise or place within the window raise one warning per burst with the evidence; a
/// new burst after the window raises a new one; complaints of the same person are linked.
/// </summary>
public sealed class ComplaintClusterDetectorTests
{
    private static readonly DateTimeOffset T0 = Moments.At(2023, 6, 1, 8);

    /// <summary>5 complaints within 7 days, from the real rule file.</summary>
    private static EarlyWarningRule Rule => RealDisputeRules.Petitions.Get("cn-2022").EarlyWarning;

    private static TimeSpan Window => Rule.Window;

    [Fact]
    public void The_rule_comes_from_the_petition_rule_file_as_local_practice()
    {
        Assert.Equal((5, TimeSpan.FromDays(7)), (Rule.Complaints, Rule.Window));
        Assert.Equal("local practice", Rule.Basis);
    }

    [Fact]
    public void N_minus_one_complaints_in_the_window_raise_nothing()
    {
        var detector = new ComplaintClusterDetector(Rule);

        var observations = Enumerable.Range(0, Rule.Complaints - 1).Select(i => detector.Observe(About("Tianji Coal Chemical", T0.AddHours(i), $"c{i}"))).ToList();

        Assert.All(observations, o => Assert.Empty(o.Raised));
        Assert.Empty(detector.Active(T0.AddDays(1)));
    }

    [Fact]
    public void The_nth_complaint_raises_a_warning_with_every_case_as_evidence()
    {
        var detector = new ComplaintClusterDetector(Rule);
        for (var i = 0; i < 4; i++)
        {
            detector.Observe(About("Tianji Coal Chemical", T0.AddHours(i), $"c{i}"));
        }

        var observation = detector.Observe(About("Tianji Coal Chemical", T0.AddHours(10), "c4"));

        var warning = Assert.Single(observation.Raised);
        Assert.Equal(ClusterSubjectKind.Enterprise, warning.SubjectKind);
        Assert.Equal("Tianji Coal Chemical", warning.Subject);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], warning.Evidence);
        Assert.Equal((T0, T0.AddHours(10)), (warning.FirstAt, warning.RaisedAt));
        Assert.Contains("5 complaints within 7 d", warning.Rule.En(), StringComparison.Ordinal);
        Assert.Equal([warning], detector.Active(T0.AddHours(11)));
    }

    [Fact]
    public void Exactly_n_at_the_window_edge_raise_a_warning()
    {
        var detector = new ComplaintClusterDetector(Rule);
        detector.Observe(About("Tianji Coal Chemical", T0, "first"));
        for (var i = 1; i < 4; i++)
        {
            detector.Observe(About("Tianji Coal Chemical", T0.AddDays(i), $"c{i}"));
        }

        var atEdge = detector.Observe(About("Tianji Coal Chemical", T0 + Window, "edge"));

        Assert.Equal(["first", "c1", "c2", "c3", "edge"], Assert.Single(atEdge.Raised).Evidence);
    }

    [Fact]
    public void One_tick_past_the_window_edge_the_first_complaint_no_longer_counts()
    {
        var detector = new ComplaintClusterDetector(Rule);
        detector.Observe(About("Tianji Coal Chemical", T0, "first"));
        for (var i = 1; i < 4; i++)
        {
            detector.Observe(About("Tianji Coal Chemical", T0.AddDays(i), $"c{i}"));
        }

        var pastEdge = detector.Observe(About("Tianji Coal Chemical", (T0 + Window).AddTicks(1), "late"));

        Assert.Empty(pastEdge.Raised);
    }

    [Fact]
    public void The_same_burst_raises_no_second_warning_and_later_complaints_join_it()
    {
        var detector = new ComplaintClusterDetector(Rule);
        var observations = Enumerable.Range(0, 40).Select(i => detector.Observe(About("Tianji Coal Chemical", T0.AddHours(i), $"c{i}"))).ToList();

        var warning = Assert.Single(observations.SelectMany(o => o.Raised));
        Assert.All(observations.Skip(5), o => Assert.Equal([warning.Id], o.JoinedWarnings));
        Assert.All(observations.Take(4), o => Assert.Empty(o.JoinedWarnings));
    }

    [Fact]
    public void A_new_burst_after_the_window_raises_a_new_warning_with_only_its_own_evidence()
    {
        var detector = new ComplaintClusterDetector(Rule);
        var first = Burst(detector, "Tianji Coal Chemical", T0, "a");
        var second = Burst(detector, "Tianji Coal Chemical", T0.AddDays(30), "b");

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(["b0", "b1", "b2", "b3", "b4"], second.Evidence);
        Assert.Equal([second], detector.Active(T0.AddDays(30.5)));
    }

    [Fact]
    public void After_a_burst_ends_its_complaints_are_spent_and_n_new_ones_are_needed()
    {
        var detector = new ComplaintClusterDetector(Rule);
        Burst(detector, "Tianji Coal Chemical", T0, "a"); // a0..a4 in the first 4 hours

        // Day 6.5: a0..a4 still inside the window: joins. Day 7.5: a0..a4 are out, only two left: the burst is over.
        Assert.NotEmpty(detector.Observe(About("Tianji Coal Chemical", T0.AddDays(6.5), "x1")).JoinedWarnings);
        var ended = detector.Observe(About("Tianji Coal Chemical", T0.AddDays(7.5), "x2"));
        Assert.Empty(ended.JoinedWarnings);
        Assert.Empty(ended.Raised);

        var more = Enumerable.Range(0, 3).Select(i => detector.Observe(About("Tianji Coal Chemical", T0.AddDays(8 + (i * 0.1)), $"y{i}"))).ToList();
        var fifth = detector.Observe(About("Tianji Coal Chemical", T0.AddDays(9), "y3"));

        Assert.All(more, o => Assert.Empty(o.Raised));
        Assert.Equal(["x2", "y0", "y1", "y2", "y3"], Assert.Single(fifth.Raised).Evidence);
    }

    [Fact]
    public void Enterprises_and_places_are_counted_apart_and_one_complaint_can_raise_both()
    {
        var detector = new ComplaintClusterDetector(Rule);
        ClusterObservation last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = detector.Observe(new ComplaintSignal { CaseId = $"c{i}", At = T0.AddHours(i), Enterprise = "Tianji Coal Chemical", Place = "Zhuozhang river, Lucheng section" });
        }

        Assert.Equal([ClusterSubjectKind.Enterprise, ClusterSubjectKind.Place], last.Raised.Select(w => w.SubjectKind));
        Assert.Equal(2, detector.Subjects);
    }

    [Fact]
    public void Spelling_does_not_make_another_subject()
    {
        var detector = new ComplaintClusterDetector(Rule);
        string[] spellings = ["Tianji Coal Chemical", "tianji  coal chemical", " TIANJI COAL CHEMICAL ", "Ｔｉａｎｊｉ Coal Chemical", "tianji coal Chemical"];

        var raised = spellings.Select((s, i) => detector.Observe(About(s, T0.AddHours(i), $"c{i}"))).SelectMany(o => o.Raised).ToList();

        Assert.Single(raised);
        Assert.Equal(1, detector.Subjects);
        Assert.Equal("TIANJI COAL CHEMICAL", ComplaintClusterDetector.Normalise("Ｔｉａｎｊｉ  coal\tchemical"));
    }

    [Fact]
    public void Different_subjects_do_not_add_up()
    {
        var detector = new ComplaintClusterDetector(Rule);

        var raised = Enumerable.Range(0, 20).Select(i => detector.Observe(About($"Plant {i % 5}", T0.AddHours(i), $"c{i}"))).SelectMany(o => o.Raised).ToList();

        Assert.Empty(raised);
    }

    [Fact]
    public void A_complaint_that_arrives_late_still_counts_inside_its_window()
    {
        var detector = new ComplaintClusterDetector(Rule);
        foreach (var day in new[] { 0.0, 1, 3, 4 })
        {
            detector.Observe(About("Tianji Coal Chemical", T0.AddDays(day), $"d{day}"));
        }

        var late = detector.Observe(About("Tianji Coal Chemical", T0.AddDays(2), "d2"));

        Assert.Equal(["d0", "d1", "d2", "d3", "d4"], Assert.Single(late.Raised).Evidence);
    }

    [Fact]
    public void A_complaint_about_no_enterprise_or_place_is_only_linked()
    {
        var detector = new ComplaintClusterDetector(Rule);

        var observations = Enumerable.Range(0, 10).Select(i => detector.Observe(new ComplaintSignal { CaseId = $"c{i}", At = T0.AddHours(i), Contact = "13800138000" })).ToList();

        Assert.Empty(observations.SelectMany(o => o.Raised));
        Assert.Equal(0, detector.Subjects);
        Assert.Equal(["c0", "c1", "c2"], observations[3].RepeatOf);
    }

    [Theory]
    [InlineData(null, "138-0013-8000", true)]
    [InlineData(null, "+86 138 0013 8000", true)]
    [InlineData(null, "１３８００１３８０００", true)]
    [InlineData("11010519491231002x", null, true)]
    [InlineData("11010519491231002X", "0355-1234567", true)]
    [InlineData(null, "13900139000", false)]
    [InlineData("440524188001010014", "13900139000", false)]
    public void Repeat_complainants_are_linked_by_id_number_or_contact(string? idNumber, string? contact, bool linked)
    {
        var detector = new ComplaintClusterDetector(Rule);
        detector.Observe(new ComplaintSignal { CaseId = "earlier", At = T0, Enterprise = "A", IdNumber = "11010519491231002X", Contact = "13800138000" });

        var later = detector.Observe(new ComplaintSignal { CaseId = "later", At = T0.AddDays(40), Enterprise = "B", IdNumber = idNumber, Contact = contact });

        Assert.Equal(linked ? ["earlier"] : [], later.RepeatOf);
    }

    [Fact]
    public void A_person_is_linked_only_within_the_look_back()
    {
        var detector = new ComplaintClusterDetector(Rule);
        detector.Observe(new ComplaintSignal { CaseId = "old", At = T0, Contact = "13800138000" });
        detector.Observe(new ComplaintSignal { CaseId = "recent", At = T0 + Rule.RepeatLookback, Contact = "13800138000" });

        var now = detector.Observe(new ComplaintSignal { CaseId = "now", At = (T0 + Rule.RepeatLookback).AddTicks(1), Contact = "13800138000" });

        Assert.Equal(["recent"], now.RepeatOf);
    }

    [Fact]
    public void A_dispute_becomes_a_signal_with_its_subject_and_complainant()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(channel: PetitionChannel.Hotline12369));

        var signal = ComplaintSignal.Of(dispute.State);

        Assert.Equal((dispute.State.Id, dispute.State.ReceivedAt, "Tianji Coal Chemical"), (signal.CaseId, signal.At, signal.Enterprise));
        Assert.Equal(DisputeCmd.Zhang.Contact, signal.Contact);
    }

    [Fact]
    public void A_surge_of_10000_complaints_in_a_minute_about_one_enterprise_raises_one_warning()
    {
        var detector = new ComplaintClusterDetector(Rule);

        var raised = Enumerable.Range(0, 10_000)
            .Select(i => detector.Observe(About("Tianji Coal Chemical", T0.AddMilliseconds(i * 6), $"s{i}")))
            .SelectMany(o => o.Raised)
            .ToList();

        Assert.Equal(["s0", "s1", "s2", "s3", "s4"], Assert.Single(raised).Evidence);
    }

    [Fact]
    public void A_quarter_hour_at_10000_complaints_a_minute_over_600_subjects_warns_once_per_subject()
    {
        var detector = new ComplaintClusterDetector(Rule with { Window = TimeSpan.FromMinutes(10), Complaints = 200 });
        var random = new Random(20230601);
        var raised = 0;
        for (var i = 0; i < 150_000; i++)
        {
            var observation = detector.Observe(new ComplaintSignal
            {
                CaseId = $"h{i}",
                At = T0.AddMilliseconds(i * 6),
                Enterprise = $"Enterprise {random.Next(300)}",
                Place = $"Place {random.Next(300)}",
                Contact = $"138{random.Next(100_000_000):D8}",
            });
            raised += observation.Raised.Count;
        }

        // About 330 complaints per subject in 10 minutes: each subject crosses 200 once and stays in its burst.
        Assert.Equal(600, detector.Subjects);
        Assert.Equal(600, raised);
        Assert.Equal(600, detector.Active(T0.AddMilliseconds(149_999 * 6)).Count);
    }

    [Fact]
    public void People_not_seen_within_the_look_back_are_forgotten()
    {
        var detector = new ComplaintClusterDetector(Rule with { RepeatLookback = TimeSpan.FromHours(1) });

        for (var i = 0; i < 30_000; i++)
        {
            detector.Observe(new ComplaintSignal { CaseId = $"p{i}", At = T0.AddSeconds(i), Contact = $"139{i:D8}" });
        }

        // One new person a second: an hour is 3,600 people; the sweep runs every 10,000 complaints at most.
        Assert.InRange(detector.People, 3_600, 14_000);
    }

    private static ClusterWarning Burst(ComplaintClusterDetector detector, string enterprise, DateTimeOffset start, string prefix) =>
        Enumerable.Range(0, 5).Select(i => detector.Observe(About(enterprise, start.AddHours(i), $"{prefix}{i}"))).SelectMany(o => o.Raised).Single();

    private static ComplaintSignal About(string enterprise, DateTimeOffset at, string caseId) => new() { CaseId = caseId, At = at, Enterprise = enterprise };
}
