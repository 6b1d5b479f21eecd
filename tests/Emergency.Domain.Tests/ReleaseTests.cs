using System.Text.Json;
using Emergency.Domain.Incidents;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>Public information releases (信息发布): documents drafted, approved by a named officer and published; the first one meets the release obligation.</summary>
public sealed class ReleaseTests
{
    private static readonly Actor Commander = Drive.Commander;

    [Fact]
    public void The_first_published_release_meets_the_obligation_at_its_publication()
    {
        var incident = Drive.Responding();
        incident.Handle(Cmd.Draft(), Commander, incident.T(1.2)).Accept();
        incident.Handle(Cmd.Approve(1, "王副局长"), Commander, incident.T(1.4)).Accept();
        Assert.False(incident.Obligation(ObligationKind.ReleaseInformation).IsCompleted);

        incident.Handle(Cmd.Publish(1), Commander, incident.T(1.5)).Accept();

        var obligation = incident.Obligation(ObligationKind.ReleaseInformation);
        Assert.Equal((incident.T(1.5), "by release 1"), (obligation.CompletedAt, obligation.Note.En()));
        var release = Assert.Single(incident.State.Releases);
        Assert.Equal((ReleaseStatus.Published, "王副局长", incident.T(1.5), incident.T(1.4)), (release.Status, release.ApprovedBy, release.PublishedAt, release.ApprovedAt));
        Assert.Equal((Rules.IncidentLevel.IV, IncidentPhase.Responding), (release.Level, release.Phase));
        Assert.Equal(
            [TimelineKind.ReleaseDrafted, TimelineKind.ReleaseApproved, TimelineKind.ReleasePublished, TimelineKind.ObligationCompleted],
            incident.State.Timeline.TakeLast(4).Select(e => e.Kind));
        Assert.Equal("第1号信息发布（首次发布）已发布：“长治市浊漳河苯胺泄漏事件情况通报”（审核签发人：王副局长）", incident.State.Timeline[^2].Text.Zh());
    }

    [Fact]
    public void Ticking_the_release_obligation_is_refused_with_a_reason_and_its_code()
    {
        var incident = Drive.Responding();

        var decision = incident.Refused(incident.T(2), i => i.Handle(Cmd.Complete(ObligationKind.ReleaseInformation), Commander, incident.T(2)), DecisionOutcome.NotAllowed);

        Assert.Equal("release.refused.doneByRelease", decision.Reason!.Code);
        Assert.Equal("“发布信息”以发布经审核签发的信息发布完成，不能作为单独步骤办结：请拟稿、审核并发布", decision.Reason.Zh());
        Assert.Contains("draftRelease", decision.AllowedMoves);
    }

    [Fact]
    public void A_draft_is_published_only_once_approved_and_only_once()
    {
        var incident = Drive.Responding();
        incident.Handle(Cmd.Draft(), Commander, incident.T(1.2)).Accept();
        Assert.Equal(["approveRelease(1)"], incident.AllowedMoves(incident.T(1.2)).Where(m => m.Contains('(', StringComparison.Ordinal) && m.Contains("Release", StringComparison.Ordinal)));

        var unapproved = incident.Refused(incident.T(1.3), i => i.Handle(Cmd.Publish(1), Commander, incident.T(1.3)), DecisionOutcome.NotAllowed);
        Assert.Equal(("release.refused.notApproved", "release 1 is not approved: it cannot be published before an officer approves it"), (unapproved.Reason!.Code, unapproved.Reason.En()));

        incident.Handle(Cmd.Approve(1), Commander, incident.T(1.3)).Accept();
        var twiceApproved = incident.Refused(incident.T(1.3), i => i.Handle(Cmd.Approve(1, "李局长"), Commander, incident.T(1.3)), DecisionOutcome.NotAllowed);
        Assert.Equal("release.refused.alreadyApproved", twiceApproved.Reason!.Code);

        incident.Handle(Cmd.Publish(1), Commander, incident.T(1.4)).Accept();
        var twice = incident.Refused(incident.T(1.5), i => i.Handle(Cmd.Publish(1), Commander, incident.T(1.5)), DecisionOutcome.NotAllowed);
        var approvePublished = incident.Refused(incident.T(1.5), i => i.Handle(Cmd.Approve(1), Commander, incident.T(1.5)), DecisionOutcome.NotAllowed);

        Assert.Equal(("release.refused.alreadyPublished", "release.refused.alreadyPublished"), (twice.Reason!.Code, approvePublished.Reason!.Code));
        Assert.Equal("release 1 was already published at 2015-03-02 09:24 Beijing time: it cannot be approved or published again", twice.Reason.En());
        Assert.Single(incident.State.Timeline, e => e.Kind == TimelineKind.ReleasePublished);
    }

    [Theory]
    [InlineData("", "正文", "headline")]
    [InlineData("   ", "正文", "headline")]
    [InlineData("标题", "", "text")]
    public void An_empty_release_is_refused_field_by_field(string headline, string text, string field)
    {
        var incident = Drive.Responding();

        var decision = incident.Refused(incident.T(2), i => i.Handle(Cmd.Draft(headline, text), Commander, incident.T(2)), DecisionOutcome.Invalid);

        Assert.Equal(field, Assert.Single(decision.Errors).Field);
        Assert.Empty(incident.State.Releases);
    }

    [Fact]
    public void An_oversized_release_is_refused_with_its_limits()
    {
        var incident = Drive.Responding();
        var draft = Cmd.Draft(new string('标', Release.HeadlineMax + 1), new string('文', Release.TextMax + 1)) with { HeadlineEn = "Spill", TextEn = null };

        var decision = incident.Refused(incident.T(2), i => i.Handle(draft, Commander, incident.T(2)), DecisionOutcome.Invalid);

        Assert.Equal(["headline", "text", "textEn"], decision.Errors.Select(e => e.Field));
        Assert.Equal("is 71 characters long; at most 70 are allowed", decision.Errors[0].Message.En());
        Assert.Equal("release.englishWhole", decision.Errors[2].Message.Code);
    }

    [Fact]
    public void A_correction_of_nothing_is_refused()
    {
        var incident = Drive.Responding();
        var correction = new CorrectRelease { Release = 1, Headline = "更正", Text = "实测118–200 μg/L", Reason = "78 μg/L有误" };

        var none = incident.Refused(incident.T(2), i => i.Handle(correction, Commander, incident.T(2)), DecisionOutcome.Invalid);
        Assert.Equal(("release", "release.noReleases"), (none.Errors[0].Field, none.Errors[0].Message.Code));

        incident.Handle(Cmd.Draft(), Commander, incident.T(2)).Accept();
        var ofADraft = incident.Refused(incident.T(2), i => i.Handle(correction, Commander, incident.T(2)), DecisionOutcome.NotAllowed);
        var outOfRange = incident.Refused(incident.T(2), i => i.Handle(correction with { Release = 7 }, Commander, incident.T(2)), DecisionOutcome.Invalid);

        Assert.Equal("release.refused.notPublished", ofADraft.Reason!.Code);
        Assert.Equal("there is no release 7: the incident has releases 1 to 1", outOfRange.Errors[0].Message.En());
    }

    [Fact]
    public void An_update_and_a_correction_supersede_and_a_withdrawal_withdraws()
    {
        var incident = Drive.Responding();
        Assert.Equal(0, incident.Summary(incident.T(1.1)).PublishedReleases);
        Drive.Release(incident, incident.T(1.2));
        Assert.Equal(1, incident.Summary(incident.T(1.2)).PublishedReleases);
        incident.Handle(new UpdateRelease { Release = 1, Headline = "续报", Text = "下游水厂已停止取水", HeadlineEn = "Update", TextEn = "Intake stopped" }, Commander, incident.T(2)).Accept();
        incident.Handle(new CorrectRelease { Release = 1, Headline = "更正", Text = "实测118–200 μg/L", Reason = "78 μg/L有误" }, Commander, incident.T(2)).Accept();
        incident.Handle(Cmd.Approve(2), Commander, incident.T(2)).Accept();
        incident.Handle(Cmd.Publish(2), Commander, incident.T(2.1)).Accept();
        incident.Handle(Cmd.Approve(3), Commander, incident.T(2.2)).Accept();

        // The correction was drafted against release 1, which release 2 has since superseded.
        var stale = incident.Refused(incident.T(2.2), i => i.Handle(Cmd.Publish(3), Commander, incident.T(2.2)), DecisionOutcome.NotAllowed);
        Assert.Equal(("release.refused.targetReplaced", "release 3 cannot be published: release 1, which it follows, is superseded (by release 2)"), (stale.Reason!.Code, stale.Reason.En()));

        incident.Handle(new WithdrawRelease { Release = 2, Reason = "信息有误，以后续发布为准" }, Commander, incident.T(3)).Accept();
        incident.Handle(Cmd.Approve(4), Commander, incident.T(3)).Accept();
        incident.Handle(Cmd.Publish(4), Commander, incident.T(3)).Accept();

        var releases = incident.State.Releases;
        Assert.Equal([ReleaseStatus.Superseded, ReleaseStatus.Withdrawn, ReleaseStatus.Approved, ReleaseStatus.Published], releases.Select(r => r.Status));

        // The public pages read an incident for the releases that stand: here the withdrawal alone.
        Assert.Equal(1, incident.Summary(incident.T(3)).PublishedReleases);
        Assert.Equal([ReleaseKind.Alert, ReleaseKind.Update, ReleaseKind.Correction, ReleaseKind.Withdrawal], releases.Select(r => r.Kind));
        Assert.Equal([2, 4, null, null], releases.Select(r => r.ReplacedBy));
        Assert.Equal(("续报", "信息有误，以后续发布为准", ReleaseAudience.Public), (releases[3].Headline, releases[3].Text, releases[3].Audience));
        var final = incident.Refused(incident.T(3), i => i.Handle(new UpdateRelease { Release = 4, Headline = "x", Text = "y" }, Commander, incident.T(3)), DecisionOutcome.NotAllowed);
        Assert.Equal("release.refused.withdrawalIsFinal", final.Reason!.Code);
        var gone = incident.Refused(incident.T(3), i => i.Handle(new UpdateRelease { Release = 1, Headline = "x", Text = "y" }, Commander, incident.T(3)), DecisionOutcome.NotAllowed);
        Assert.Equal("release 1 is superseded (by release 2): act on the release in force", gone.Reason.En());
    }

    [Fact]
    public void A_withdrawal_does_not_release_information_again()
    {
        var incident = Drive.Responding(Facts.Known.WithSensitive("drinkingWaterSource"));
        Drive.Release(incident, incident.T(1));
        incident.Handle(new RecordCorrection { Kind = CorrectionKind.Falsified, Concerns = "releaseInformation", Declared = "78 μg/L", Actual = "118–200 μg/L" }, Commander, incident.T(2)).Accept();

        incident.Handle(new WithdrawRelease { Release = 1, Reason = "数据有误" }, Commander, incident.T(2)).Accept();
        incident.Handle(Cmd.Approve(2), Commander, incident.T(2)).Accept();
        incident.Handle(Cmd.Publish(2), Commander, incident.T(2)).Accept();

        Assert.False(incident.Obligation(ObligationKind.ReleaseInformation).IsCompleted);
        Drive.Release(incident, incident.T(3));
        Assert.Equal(incident.T(3), incident.Obligation(ObligationKind.ReleaseInformation).CompletedAt);
    }

    [Fact]
    public void Release_moves_are_refused_once_the_incident_is_closed()
    {
        var incident = Drive.Closed();

        var decision = incident.Refused(incident.T(5), i => i.Handle(Cmd.Draft(), Commander, incident.T(5)), DecisionOutcome.NotAllowed);

        Assert.Equal(("incident.refused.closed", "无法拟稿信息发布：事件已结案"), (decision.Reason!.Code, decision.Reason.Zh()));
    }

    [Fact]
    public void The_release_graph_page_is_current() =>
        MachineGraphs.AssertCurrent("release", "信息发布 — Release", ReleaseLifecycle.Graph());

    [Fact]
    public void A_state_stored_before_releases_loads_with_none()
    {
        var incident = Drive.Responding();
        var json = Snapshot(incident).Replace(",\"Releases\":[]", "", StringComparison.Ordinal);

        var loaded = JsonSerializer.Deserialize<IncidentState>(json)!;

        Assert.DoesNotContain("Releases", json, StringComparison.Ordinal);
        Assert.Empty(loaded.Releases);
    }

    private static string Snapshot(Incident incident) => JsonSerializer.Serialize(incident.State);
}
