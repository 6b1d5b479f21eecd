using System.Net;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

[Collection(SharedEngine.Name)]
public sealed class WalkthroughTests(EngineFixture engine)
{
    private static readonly (string Id, TimeSpan Window)[] LevelTwoWindows =
    [
        ("report", TimeSpan.FromHours(2)),
        ("reachScene", TimeSpan.FromHours(1)),
        ("startMonitoring", TimeSpan.FromHours(2)),
        ("organiseInvestigation", TimeSpan.FromHours(24)),
        ("releaseInformation", TimeSpan.FromHours(5)),
        ("notifyNeighbours", TimeSpan.FromHours(1)),
    ];

    [Fact]
    public async Task An_incident_runs_from_registration_to_closed_and_its_timeline_names_the_authenticated_actor()
    {
        var api = engine.Commander;
        var region = EngineFixture.NewRegion("Changzhi");
        var discovered = engine.Now.AddMinutes(-10);

        // Register: graded II by the cross-province criterion, five obligations due at discovery + window.
        var registered = await api.Post("/api/incidents", Bodies.Incident(region, discovered, Bodies.CrossProvince()));
        Assert.True(registered.Status == HttpStatusCode.Created, registered.ToString());
        var incident = registered.Body;
        var id = incident.Str("id");
        Assert.Equal($"/api/incidents/{id}", registered.Headers.Location?.OriginalString);
        Assert.Null(registered.Header("Idempotent-Replayed"));
        Assert.Equal("registered", incident.Str("phase"));
        Assert.Equal(region, incident.Str("region"));
        Assert.Equal(discovered, incident.Time("discoveredAt"));
        Assert.Equal(engine.Now, incident.Time("registeredAt"));
        Assert.Equal(Tokens.CommanderActor, incident.Str("registeredBy"));
        Assert.Equal("cn-2014", incident.Str("ruleSetId"));
        Assert.Equal("II", incident["grade"].Str("level"));
        Assert.Contains("II: crosses a province boundary", incident["grade"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("provincial government", incident["grade"].Str("leadAuthority"));

        var obligations = incident["obligations"]!.AsArray();
        Assert.Equal(LevelTwoWindows.Select(w => w.Id), obligations.Select(o => o.Str("id")));
        foreach (var (obligation, window) in LevelTwoWindows)
        {
            var o = incident.Obligation(obligation);
            Assert.Equal(discovered + window, o.Time("dueAt"));
            Assert.Equal("pending", o.Str("status"));
            Assert.Equal(discovered + window - engine.Now, TimeSpan.Parse(o.Str("remaining"), System.Globalization.CultureInfo.InvariantCulture));
        }

        // The Location names the incident.
        var fetched = await api.Get(registered.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(id, fetched.Body.Str("id"));
        await Procedure.ListShows(api, $"?region={region}", id);

        // Initial report: completes the report obligation; the name in the body is the signer, not the actor.
        const string signer = "Mallory Impostor, deputy director";
        incident = await api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial", signedOffBy: signer));
        Assert.Equal("responding", incident.Str("phase"));
        Assert.Equal("completed", incident.Obligation("report").Str("status"));
        Assert.Equal(Tokens.CommanderActor, incident.Obligation("report").Str("completedBy"));
        var initial = Assert.Single(incident["reports"]!.AsArray());
        Assert.Equal(signer, initial.Str("signedOffBy"));
        Assert.Equal(Tokens.CommanderActor, initial.Str("recordedBy"));
        Assert.Equal("II", initial.Str("level"));

        foreach (var step in Procedure.Steps)
        {
            incident = await api.Command($"/api/incidents/{id}/obligations/{step}/complete", Bodies.Completion(note: $"{step} done, said Mallory"));
            var o = incident.Obligation(step);
            Assert.Equal("completed", o.Str("status"));
            Assert.Equal(engine.Now, o.Time("completedAt"));
            Assert.Equal(Tokens.CommanderActor, o.Str("completedBy"));
            Assert.Null(o["lateBy"]);
        }

        // Information is released by a release the duty room drafts, a leader approves and the duty room publishes.
        (incident, _) = await Procedure.Release(api, id, approver: engine.DecisionMaker);
        var release = incident.Obligation("releaseInformation");
        Assert.Equal(("completed", "by release 1"), (release.Str("status"), release.Str("note")));
        Assert.Equal(engine.Now, release.Time("completedAt"));
        var published = Assert.Single(incident["releases"]!.AsArray());
        Assert.Equal(("published", "王副局长"), (published.Str("status"), published.Str("approvedBy")));
        Assert.Equal("director.li (DecisionMaker)", published.Str("approvalRecordedBy"));

        // The spill crosses a province: the neighbouring area is told, and the notice names whom.
        incident = await api.Command($"/api/incidents/{id}/obligations/notifyNeighbours/complete", new { notified = "Hebei environmental protection department" });
        Assert.Equal(("completed", "Hebei environmental protection department"), (incident.Obligation("notifyNeighbours").Str("status"), incident.Obligation("notifyNeighbours").Str("notified")));

        incident = await api.Command($"/api/incidents/{id}/reports", Bodies.Report("final", signedOffBy: signer));
        Assert.Equal("finalReportFiled", incident.Str("phase"));
        Assert.Equal(["recordSpill", "corrections", "close", "draftRelease", "updateRelease(1)", "correctRelease(1)", "withdrawRelease(1)"], incident["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()));

        incident = await api.Command($"/api/incidents/{id}/close", new { note = "handled; closed by Mallory" });
        Assert.Equal("closed", incident.Str("phase"));
        Assert.Empty(incident["allowedMoves"]!.AsArray());

        // The stored incident says the same, and its timeline is complete and attributed.
        incident = await api.Incident(id);
        Assert.Equal("closed", incident.Str("phase"));
        var timeline = incident.Timeline();
        Assert.Equal(Enumerable.Range(1, timeline.Count), timeline.Select(e => (int)e.Long("seq")));
        Assert.Equal(
            ["registered", "graded", "deadlineSet", "deadlineSet", "deadlineSet", "deadlineSet", "deadlineSet", "deadlineSet",
             "reportFiled", "obligationCompleted",
             "obligationCompleted", "obligationCompleted", "obligationCompleted",
             "releaseDrafted", "releaseApproved", "releasePublished", "obligationCompleted", "obligationCompleted",
             "reportFiled", "closed"],
            timeline.Select(e => e.Str("kind")));
        Assert.All(timeline, e => Assert.Contains(e.Str("actor"), new[] { Tokens.CommanderActor, "system", "director.li (DecisionMaker)" }));
        Assert.All(timeline.Where(e => e.Str("kind") is not ("deadlineSet" or "releaseApproved")), e => Assert.StartsWith("duty.zhang ", e.Str("actor")));
        Assert.DoesNotContain(timeline, e => e.Str("actor").Contains("Mallory", StringComparison.Ordinal));
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "obligationOverdue");

        // A closed incident leaves the list of open incidents.
        await Procedure.ListShows(api, $"?region={region}");
    }

    [Fact]
    public async Task Who_am_I_answers_with_the_user_of_the_token()
    {
        foreach (var (api, user, role) in new[]
                 {
                     (engine.Commander, "duty.zhang", "dutyCommander"),
                     (engine.DecisionMaker, "director.li", "decisionMaker"),
                     (engine.DrillOrganiser, "drill.wang", "drillOrganiser"),
                     (engine.Observer, "observer.chen", "observer"),
                 })
        {
            var me = await api.Get("/api/me");
            Assert.Equal(HttpStatusCode.OK, me.Status);
            Assert.Equal(user, me.Body.Str("id"));
            Assert.Equal(role, me.Body.Str("role"));
        }
    }
}
