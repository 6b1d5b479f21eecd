using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Releases over HTTP on a real port: the moves, their refusals (nothing published by mistake), the CAP alert and the Atom feed.</summary>
[Collection(SharedEngine.Name)]
public sealed class ReleaseApiTests(EngineFixture engine)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private ApiClient Api => engine.Commander;

    [Fact]
    public async Task A_published_release_is_a_cap_alert_and_an_entry_of_the_feed()
    {
        var id = (await Api.Register(Bodies.Incident("长治市", engine.Now.AddMinutes(-30), Bodies.CrossProvince()))).Str("id");
        await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        await Api.Command($"/api/incidents/{id}/draftRelease", Bodies.Release(headlineEn: "Aniline in the Zhuozhang", textEn: "Aniline reached the river."));
        var unpublished = await Api.Get($"/api/incidents/{id}/releases/1/cap");
        Problem.Assert(unpublished, HttpStatusCode.NotFound);
        await Api.Command($"/api/incidents/{id}/approveRelease", new JsonObject { ["release"] = 1, ["approvedBy"] = "王副局长" });
        var published = await Api.Command($"/api/incidents/{id}/publishRelease", new JsonObject { ["release"] = 1 });

        var reply = await Api.Get($"/api/incidents/{id}/releases/1/cap");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("application/cap+xml", reply.ContentType);
        var alert = CapSchema.AssertValid(reply.Text);
        Assert.Equal(("Alert", "Actual", "Immediate", "Severe", "Observed", "140400"),
            (alert.Cap("msgType"), alert.Cap("status"), alert.Cap("urgency"), alert.Cap("severity"), alert.Cap("certainty"), alert.Cap("value")));
        Assert.Equal("completed", published.Obligation("releaseInformation").Str("status"));

        var feed = await Api.Get("/api/cap/feed.atom");
        Assert.Equal(("application/atom+xml", HttpStatusCode.OK), (feed.ContentType, feed.Status));
        var entries = XDocument.Parse(feed.Text).Root!.Elements(Atom + "entry").ToList();
        var entry = Assert.Single(entries, e => e.Element(Atom + "link")!.Attribute("href")!.Value.EndsWith($"/api/incidents/{id}/releases/1/cap", StringComparison.Ordinal));
        Assert.Equal("浊漳河苯胺泄漏事件情况通报", entry.Element(Atom + "title")!.Value);
        Assert.Equal("application/cap+xml", entry.Element(Atom + "link")!.Attribute("type")!.Value);
    }

    [Fact]
    public async Task Bad_releases_are_refused_with_clear_answers_and_nothing_is_published()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Release"), engine.Now.AddMinutes(-30)))).Str("id");

        var empty = await Api.Post($"/api/incidents/{id}/draftRelease", Bodies.Release(headline: " ", text: ""));
        Problem.Assert(empty, HttpStatusCode.BadRequest, "headline");
        Problem.Assert(empty, HttpStatusCode.BadRequest, "text");
        var oversized = await Api.Post($"/api/incidents/{id}/draftRelease", Bodies.Release(text: new string('文', 5_001)));
        Assert.Contains("5,001", Problem.Assert(oversized, HttpStatusCode.BadRequest, "text")["errors"]!["text"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var correctionOfNothing = await Api.Post($"/api/incidents/{id}/correctRelease", new JsonObject { ["release"] = 1, ["headline"] = "更正", ["text"] = "实测值", ["reason"] = "有误" });
        Assert.Contains("no releases yet", Problem.Assert(correctionOfNothing, HttpStatusCode.BadRequest, "release")["errors"]!["release"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var ticked = await Api.Post($"/api/incidents/{id}/obligations/releaseInformation/complete", Bodies.Completion());
        Assert.Equal("release.refused.doneByRelease", Problem.AssertNotAllowed(ticked, "completed by publishing an approved release")["code"]!.GetValue<string>());

        await Api.Command($"/api/incidents/{id}/draftRelease", Bodies.Release());
        var unapproved = await Api.Post($"/api/incidents/{id}/publishRelease", new JsonObject { ["release"] = 1 });
        Assert.Equal("release.refused.notApproved", Problem.AssertNotAllowed(unapproved, "is not approved")["code"]!.GetValue<string>());
        const int number = 1;
        await Api.Command($"/api/incidents/{id}/approveRelease", new JsonObject { ["release"] = number, ["approvedBy"] = "王副局长" });
        await Api.Command($"/api/incidents/{id}/publishRelease", new JsonObject { ["release"] = number });
        var before = await Api.Incident(id);

        var twice = await Api.Post($"/api/incidents/{id}/publishRelease", new JsonObject { ["release"] = 1 });
        var approvePublished = await engine.DecisionMaker.Post($"/api/incidents/{id}/approveRelease", new JsonObject { ["release"] = 1, ["approvedBy"] = "李局长" });
        var observer = await engine.Observer.Post($"/api/incidents/{id}/draftRelease", Bodies.Release());

        Assert.Equal("release.refused.alreadyPublished", Problem.AssertNotAllowed(twice, "already published")["code"]!.GetValue<string>());
        Assert.Equal("release.refused.alreadyPublished", Problem.AssertNotAllowed(approvePublished, "already published")["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, observer.Status);
        var after = await Api.Incident(id);
        Assert.Equal((before.Long("version"), before.Timeline().Count), (after.Long("version"), after.Timeline().Count));
        var release = Assert.Single(after["releases"]!.AsArray());
        Assert.Equal(("published", "王副局长"), (release.Str("status"), release.Str("approvedBy")));
        Assert.Single(after.Timeline(), e => e.Str("kind") == "releasePublished");
    }

    [Fact]
    public async Task The_cap_route_answers_404_for_what_does_not_exist()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Cap"), engine.Now.AddMinutes(-30)))).Str("id");

        Problem.Assert(await Api.Get($"/api/incidents/{id}/releases/3/cap"), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Get("/api/incidents/inc-nosuchthing/releases/1/cap"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Anonymous.Get("/api/cap/feed.atom")).Status);
    }
}
