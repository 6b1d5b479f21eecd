using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>
/// The situation reports (初报, 续报, 处理结果报告) and the activity log (ICS 214) drawn from an incident's timeline,
/// compared line by line with the timeline they came from.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed partial class SituationReportApiTests(EngineFixture engine)
{
    private const string MonitoringNote = "aniline 34 times the standard at the border";

    private ApiClient Api => engine.Commander;

    [Fact]
    public async Task The_final_report_tells_every_line_of_the_timeline_in_the_order_it_happened_with_the_losses_and_accountability()
    {
        var id = await Handled();
        await Api.Command($"/api/incidents/{id}/obligations/organiseInvestigation/complete", Bodies.Completion(engine.Now.AddMinutes(-10)));
        var incident = await Api.Incident(id);

        var page = await Page($"/api/incidents/{id}/situation/final");

        Assert.Contains("<h1>Environmental incident: final report</h1>", page, StringComparison.Ordinal);
        Assert.Equal(["Basics", "Process", "Harm", "Losses", "SocialImpact", "RemainingProblems", "Accountability", "SignOff"], Headings(page));
        var told = incident.Timeline().Where(e => e.Str("kind") != "deadlineSet").OrderBy(e => e.Time("at")).ThenBy(e => e.Long("seq")).ToList();
        Assert.Equal(told.Select(e => (e.Long("seq"), Escape(e.Str("text")))), Rows(Section(page, "Process")));
        Assert.Contains("0 dead, 3 poisoned, unknown seriously injured, 120 evacuated", Section(page, "Losses"), StringComparison.Ordinal);
        Assert.Contains("浊漳河苯胺泄漏事件情况通报", Section(page, "SocialImpact"), StringComparison.Ordinal);

        // Every late step is named under accountability; the sign-off waits for the final report to be filed.
        foreach (var late in incident["obligations"]!.AsArray().Where(o => o!["lateBy"] is not null))
        {
            Assert.Contains(Escape(late.Str("title")), Section(page, "Accountability"), StringComparison.Ordinal);
        }

        Assert.Contains("(not filed yet)", Section(page, "SignOff"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_initial_report_has_what_order_17_asks_and_a_follow_up_what_was_recorded_since_the_last_report()
    {
        var id = await Handled();

        var initial = await Page($"/api/incidents/{id}/situation/initial");

        Assert.Equal(["Basics", "CauseAndNature", "Pollutants", "Monitoring", "Casualties", "SensitiveReceptors", "Trend", "Measures", "NextSteps", "SignOff"], Headings(initial));
        Assert.Contains(MonitoringNote, Section(initial, "Monitoring"), StringComparison.Ordinal);
        Assert.Contains("Signed off by Wang Min, deputy director; contact 0355-2021234", Section(initial, "SignOff"), StringComparison.Ordinal);
        Assert.Contains("organise the investigation", Section(initial, "NextSteps"), StringComparison.OrdinalIgnoreCase);
        var incident = await Api.Incident(id);
        Assert.Equal(
            incident.Timeline().Where(e => e.Str("kind") is "obligationCompleted" or "reportFiled" or "releasePublished").OrderBy(e => e.Time("at")).ThenBy(e => e.Long("seq")).Select(e => e.Long("seq")),
            Rows(Section(initial, "Measures")).Select(r => r.Seq));

        // The follow-up's progress names the last report, then what was recorded after it was filed (the release).
        var first = await Page($"/api/incidents/{id}/situation/follow-up");
        Assert.Contains("follow-up report no. 1", first, StringComparison.Ordinal);
        Assert.Contains("Last report: no. 1", Section(first, "Progress"), StringComparison.Ordinal);
        var filedFirst = incident.Timeline().Last(e => e.Str("kind") == "reportFiled").Long("seq");
        Assert.Equal(
            incident.Timeline().Where(e => e.Long("seq") > filedFirst).OrderBy(e => e.Time("at")).ThenBy(e => e.Long("seq")).Select(e => (e.Long("seq"), Escape(e.Str("text")))),
            Rows(Section(first, "Progress")));
        Assert.Contains(Rows(Section(first, "Progress")), r => r.Text.Contains("published", StringComparison.Ordinal));

        await Api.Command($"/api/incidents/{id}/obligations/organiseInvestigation/complete", Bodies.Completion(engine.Now.AddMinutes(-100)));
        await Api.Command($"/api/incidents/{id}/facts", new JsonObject { ["facts"] = new JsonObject { ["evacuated"] = 300 }, ["note"] = "the evacuation widened" });
        var after = await Api.Incident(id);
        var filed = after.Timeline().Last(e => e.Str("kind") == "reportFiled").Long("seq");

        var followUp = await Page($"/api/incidents/{id}/situation/follow-up");

        var since = after.Timeline().Where(e => e.Long("seq") > filed).OrderBy(e => e.Time("at")).ThenBy(e => e.Long("seq")).ToList();
        Assert.True(since.Count >= 2, "the completion and the facts are recorded after the report");
        Assert.Equal(since.Select(e => (e.Long("seq"), Escape(e.Str("text")))), Rows(Section(followUp, "Progress")));
        Assert.Contains("300 evacuated", Section(followUp, "Casualties"), StringComparison.Ordinal);

        // Chinese unless English is asked for.
        Api.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        try
        {
            var chinese = await Page($"/api/incidents/{id}/situation/initial");
            Assert.Contains("<h1>突发环境事件初报</h1>", chinese, StringComparison.Ordinal);
            Assert.Contains("发生时间、地点和信息来源", chinese, StringComparison.Ordinal);
            Assert.Contains("签发人：Wang Min, deputy director；联系人：0355-2021234", chinese, StringComparison.Ordinal);
        }
        finally
        {
            Api.Http.DefaultRequestHeaders.AcceptLanguage.Add(new("en"));
        }
    }

    [Fact]
    public async Task The_activity_log_lists_every_line_of_the_timeline_once_under_who_did_it()
    {
        var id = await Handled();
        await Procedure.Release(Api, id, approver: engine.DecisionMaker);
        var incident = await Api.Incident(id);

        var page = await Page($"/api/incidents/{id}/activity-log");

        Assert.Contains("<h1>Activity log (ICS 214)</h1>", page, StringComparison.Ordinal);
        var units = UnitPattern().Matches(page).Select(m => (Name: m.Groups["name"].Value, Body: m.Groups["body"].Value)).ToList();
        var byActor = incident.Timeline().GroupBy(e => e.Str("actor")).ToList();
        Assert.Equal(byActor.Count, units.Count);
        foreach (var actor in byActor)
        {
            var name = actor.Key.Contains(" (", StringComparison.Ordinal) ? actor.Key[..actor.Key.LastIndexOf(" (", StringComparison.Ordinal)] : actor.Key;
            var unit = Assert.Single(units, u => u.Name == Escape(name));
            Assert.Equal(actor.OrderBy(e => e.Time("at")).ThenBy(e => e.Long("seq")).Select(e => (e.Long("seq"), Escape(e.Str("text")))), Rows(unit.Body));
        }

        Assert.Contains("duty.zhang (position: DutyCommander)", page, StringComparison.Ordinal);
        Assert.Contains("(position: DecisionMaker)", page, StringComparison.Ordinal);
        Problem.Assert(await Api.Get("/api/incidents/inc-nosuchthing/activity-log"), HttpStatusCode.NotFound);
    }

    /// <summary>A level II incident: an initial report, two steps done (monitoring with its note), a release published.</summary>
    private async Task<string> Handled()
    {
        var facts = new JsonObject { ["crossBoundary"] = "crossProvince", ["deaths"] = 0, ["poisoned"] = 3, ["evacuated"] = 120 };
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Situation"), engine.Now.AddHours(-3), facts))).Str("id");
        await Api.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(engine.Now.AddMinutes(-150)));
        await Api.Command($"/api/incidents/{id}/obligations/startMonitoring/complete", Bodies.Completion(engine.Now.AddMinutes(-140), MonitoringNote));
        await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial", engine.Now.AddMinutes(-130)));
        await Procedure.Release(Api, id);
        return id;
    }

    private async Task<string> Page(string path)
    {
        var reply = await Api.Get(path);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("text/html", reply.ContentType);
        return reply.Text;
    }

    private static List<string> Headings(string page) => [.. HeadingPattern().Matches(page).Select(m => m.Groups[1].Value)];

    private static string Section(string page, string heading)
    {
        var start = page.IndexOf($"<section data-heading=\"{heading}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {heading}");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    /// <summary>The rows read from the timeline: their sequence number and what they say.</summary>
    private static List<(long Seq, string Text)> Rows(string html) =>
        [.. RowPattern().Matches(html).Select(m => (long.Parse(m.Groups["seq"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["text"].Value))];

    /// <summary>As the page escapes what it writes: markup only.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    [GeneratedRegex("<section data-heading=\"(\\w+)\">")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex("<tr data-seq=\"(?<seq>\\d+)\"><td class=\"when\">[^<]*</td><td class=\"what\">(?<text>.*?)</td>")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<section class=\"unit\" data-actor=\"(?<name>[^\"]*)\">(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex UnitPattern();
}
