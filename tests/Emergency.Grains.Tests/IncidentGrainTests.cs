using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Testing;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

public sealed class IncidentGrainTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task Registering_grades_the_incident_sets_five_deadlines_and_lists_it()
    {
        var discovered = _engine.Clock.GetUtcNow().AddMinutes(-30);
        var command = Minor(discovered) with { Facts = Minor(discovered).Facts with { CrossBoundary = CrossBoundary.CrossProvince } };

        var result = await _engine.Incident("inc-register").Execute(command, As());

        Assert.Equal(CommandStatus.Accepted, result.Status);
        var view = result.View!;
        Assert.Equal(IncidentLevel.II, view.Grade.Level);
        Assert.Contains("II: crosses a province boundary", view.Grade.Reasons.Select(r => r.En()));
        Assert.Equal(ObligationKinds.FirstMoment.Append(ObligationKind.NotifyNeighbours), view.Obligations.Select(o => o.Kind).Where(k => k is not (ObligationKind.ReportUp or ObligationKind.WarnNeighbour)));

        // Off a river, the cities of Hebei and Henan beside Changzhi and their provinces are each to be warned, due with the notice.
        Assert.Equal(["warnNeighbour-130400", "warnNeighbour-410500", "warnNeighbour-130000", "warnNeighbour-410000"], view.Neighbours.Select(n => n.Obligation));
        Assert.All(view.Neighbours, n => Assert.Equal(discovered.AddHours(1), n.WarnBy));

        // Changzhi (140400) reports a level II to its government, the Shanxi bureau and the ministry within 2 h of discovery.
        Assert.Equal(
            ["reportUp-140400-140400.gov", "reportUp-140400-140000", "reportUp-140400-ministry"],
            view.Obligations.Where(o => o.Kind == ObligationKind.ReportUp).Select(o => o.Id));
        Assert.All(view.Chain.Where(h => h.DueAt is not null), h => Assert.Equal(discovered.AddHours(2), h.DueAt));
        Assert.Equal(discovered.AddHours(2), view.Obligations.Single(o => o.Kind == ObligationKind.Report).DueAt);
        Assert.Equal(discovered.AddHours(1), view.Obligations.Single(o => o.Kind == ObligationKind.ReachScene).DueAt);
        Assert.Equal("duty.zhang (DutyCommander)", view.Timeline[0].Actor);

        var listed = await Eventually.Until(_engine.OpenIncidentsAsync, list => list.Any(s => s.Id == "inc-register"), "the incident in the open list");
        Assert.Equal(IncidentLevel.II, listed.Single(s => s.Id == "inc-register").Level);
    }

    [Fact]
    public async Task A_false_release_is_recorded_reopened_and_alerted_and_the_neighbours_notice_names_who_was_told()
    {
        var grain = _engine.Incident("inc-corrected");
        var discovered = _engine.Clock.GetUtcNow().AddMinutes(-30);
        var command = Minor(discovered) with { Facts = Minor(discovered).Facts with { CrossBoundary = CrossBoundary.CrossCity } };
        await grain.Execute(command, As());
        await Publish(grain);
        var notice = await grain.Execute(new CompleteObligation { Obligation = ObligationKind.NotifyNeighbours, Notified = "Liuzhou environmental protection bureau" }, As());
        Assert.Equal(CommandStatus.Accepted, notice.Status);

        var correction = new RecordCorrection { Kind = CorrectionKind.Falsified, Concerns = "releaseInformation", Declared = "78 μg/L", Actual = "118–200 μg/L measured" };
        var result = await grain.Execute(correction, As("correct-1"));
        var retried = await grain.Execute(correction, As("correct-1"));

        Assert.Equal((CommandStatus.Accepted, CommandStatus.Replayed), (result.Status, retried.Status));
        var view = (await grain.GetView())!;
        var recorded = Assert.Single(view.Corrections);
        Assert.Equal(("releaseInformation", "118–200 μg/L measured", "duty.zhang (DutyCommander)"), (recorded.Concerns, recorded.Actual, recorded.RecordedBy));
        var release = view.Obligations.Single(o => o.Kind == ObligationKind.ReleaseInformation);
        Assert.Null(release.CompletedAt);
        Assert.Equal("by release 1", Assert.Single(release.ShownFalse).Note.En());
        Assert.Equal("Liuzhou environmental protection bureau", view.Obligations.Single(o => o.Kind == ObligationKind.NotifyNeighbours).Notified);

        var listed = await Eventually.Until(_engine.OpenIncidentsAsync, list => list.Any(s => s.Id == "inc-corrected" && s.Corrections == 1), "the correction in the open list");
        Assert.Contains(listed.Single(s => s.Id == "inc-corrected").Alerts, a => a.Kind == TimelineKind.CorrectionRecorded);
    }

    [Fact]
    public async Task A_passed_deadline_is_marked_overdue_by_the_timer_with_the_deadline_as_its_time()
    {
        var grain = _engine.Incident("inc-overdue");
        var registered = await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As());
        var reachScene = registered.View!.Obligations.Single(o => o.Kind == ObligationKind.ReachScene);

        _engine.Clock.Advance(reachScene.DueAt - _engine.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        var view = await Eventually.Until(grain.GetView, v => v!.Timeline.Any(e => e.Kind == TimelineKind.ObligationOverdue),
            "the overdue entry written by the deadline timer", TimeSpan.FromSeconds(2));
        var entry = view!.Timeline.Single(e => e.Kind == TimelineKind.ObligationOverdue);
        Assert.Equal("reachScene", entry.Ref);
        Assert.Equal(reachScene.DueAt, entry.At);
        Assert.Equal("system", entry.Actor);
        Assert.Equal(ObligationStatus.Overdue, view.Obligations.Single(o => o.Kind == ObligationKind.ReachScene).Status);
        Assert.Equal(ObligationStatus.Pending, view.Obligations.Single(o => o.Kind == ObligationKind.Report).Status);
    }

    [Fact]
    public async Task A_late_completion_is_recorded_as_late_and_by_how_much()
    {
        var grain = _engine.Incident("inc-late");
        await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As());
        _engine.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(25));

        var result = await grain.Execute(new CompleteObligation { Obligation = ObligationKind.ReachScene }, As());

        var scene = result.View!.Obligations.Single(o => o.Kind == ObligationKind.ReachScene);
        Assert.Equal(ObligationStatus.CompletedLate, scene.Status);
        Assert.Equal(TimeSpan.FromMinutes(25), scene.LateBy);
        Assert.Contains(result.View.Timeline, e => e.Kind == TimelineKind.ObligationCompleted && e.Text.En().Contains("LATE by 25 min", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_command_changes_nothing_and_names_the_moves_possible_now()
    {
        var grain = _engine.Incident("inc-refused");
        var before = (await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As())).View!;

        var refused = await grain.Execute(new CompleteObligation { Obligation = ObligationKind.StartMonitoring }, As());

        Assert.Equal(CommandStatus.NotAllowed, refused.Status);
        Assert.Contains("before someone is on scene", refused.Decision!.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("completeObligation(reachScene)", refused.Decision.AllowedMoves);
        var after = (await grain.GetView())!;
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
    }

    [Fact]
    public async Task A_closed_incident_leaves_the_open_list()
    {
        var grain = _engine.Incident("inc-closed");
        await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As());
        await grain.Execute(Report(ReportKind.Initial), As());
        foreach (var kind in new[] { ObligationKind.ReachScene, ObligationKind.StartMonitoring, ObligationKind.OrganiseInvestigation })
        {
            Assert.Equal(CommandStatus.Accepted, (await grain.Execute(new CompleteObligation { Obligation = kind }, As())).Status);
        }

        await Publish(grain);

        await grain.Execute(Report(ReportKind.Final), As());
        await Eventually.Until(_engine.OpenIncidentsAsync, list => list.Any(s => s.Id == "inc-closed"), "the incident listed while open");

        var closed = await grain.Execute(new CloseIncident { Note = "handled" }, As());

        Assert.Equal(IncidentPhase.Closed, closed.View!.Phase);
        await Eventually.Until(_engine.OpenIncidentsAsync, list => list.All(s => s.Id != "inc-closed"), "the closed incident gone from the open list");
    }

    [Fact]
    public async Task An_unknown_id_is_not_found_and_nothing_is_created()
    {
        var grain = _engine.Incident("inc-nobody");

        Assert.Null(await grain.GetView());
        Assert.Equal(CommandStatus.NotFound, (await grain.Execute(new CloseIncident(), As())).Status);
        Assert.Null(await grain.GetView());
    }

    /// <summary>Drafts, approves and publishes release 1: the way the release obligation is met.</summary>
    private static async Task Publish(IIncidentGrain grain)
    {
        IncidentCommand[] moves =
        [
            new DraftRelease { Audience = ReleaseAudience.Public, Headline = "出水镉浓度78 μg/L", Text = "实测78 μg/L" },
            new ApproveRelease { Release = 1, ApprovedBy = "王副局长" },
            new PublishRelease { Release = 1 },
        ];
        foreach (var move in moves)
        {
            Assert.Equal(CommandStatus.Accepted, (await grain.Execute(move, As())).Status);
        }
    }

    [Fact]
    public async Task A_command_from_outside_the_incidents_jurisdiction_is_forbidden_shows_nothing_and_changes_nothing()
    {
        var grain = _engine.Incident("inc-jurisdiction");
        var discovered = _engine.Clock.GetUtcNow().AddMinutes(-30);
        var lucheng = As() with { Jurisdiction = "140406" };

        var elsewhere = await grain.Execute(Minor(discovered), lucheng);
        Assert.Equal(CommandStatus.Forbidden, elsewhere.Status);
        Assert.Null(await grain.GetView());

        Assert.Equal(CommandStatus.Accepted, (await grain.Execute(Minor(discovered), As() with { Jurisdiction = "140000" })).Status);
        var version = (await grain.GetView())!.Version;
        var refused = await grain.Execute(new CompleteObligation { Obligation = ObligationKind.ReachScene }, lucheng);

        Assert.Equal(CommandStatus.Forbidden, refused.Status);
        Assert.Null(refused.View);
        Assert.Equal(Emergency.Domain.Regions.JurisdictionTexts.IncidentOutside.Code, refused.Decision!.Reason!.Code);
        Assert.Equal(version, (await grain.GetView())!.Version);
        Assert.Equal(CommandStatus.Accepted, (await grain.Execute(new CompleteObligation { Obligation = ObligationKind.ReachScene }, As() with { Jurisdiction = "140400" })).Status);
    }
}
