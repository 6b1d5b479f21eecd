using System.Xml.Linq;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Domain.Rivers;
using Emergency.Domain.Rules;
using Emergency.Host.Api;
using Emergency.Testing;
using Microsoft.Extensions.Configuration;

namespace Emergency.Api.Tests;

/// <summary>Every kind of release, live and in a drill, as a CAP 1.2 alert valid against OASIS's schema, with the mapping docs/releases.md documents.</summary>
public sealed class ReleaseCapTests
{
    private static readonly Actor Commander = new("duty.zhang", Role.DutyCommander);

    private static readonly DateTimeOffset Discovered = new(2012, 12, 31, 7, 40, 0, TimeSpan.FromHours(8));

    private static readonly ReleaseCap Cap = new(
        Said.Texts,
        RegionCatalogLoader.Load(Path.Combine(RepoPaths.Config, "regions", "cn-gbt2260.json"), refusesUnknown: false),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cap:Sender"] = "emergency@changzhi.example.gov.cn", ["Cap:SenderName"] = "长治市生态环境局" }).Build());

    [Theory]
    [InlineData("live", "Actual")]
    [InlineData("drill-changzhi", "Exercise")]
    public void Every_kind_of_release_is_a_valid_alert_that_references_what_it_replaces(string scope, string status)
    {
        var incident = Registered(scope);
        Move(incident, 1, new DraftRelease { Audience = ReleaseAudience.Public, Headline = "潞城市苯胺泄漏事件通报", Text = "部分苯胺进入浊漳河。", HeadlineEn = "Aniline spill at Lucheng", TextEn = "Some aniline reached the Zhuozhang." });
        Publish(incident, 1, 1.25);
        Move(incident, 2, new UpdateRelease { Release = 1, Headline = "续报：下游已停止取水", Text = "河北邯郸已停止取水。" });
        Publish(incident, 2, 2);
        Move(incident, 3, new CorrectRelease { Release = 2, Headline = "更正：进入河流的苯胺为8.68吨", Text = "经核实，进入浊漳河的苯胺为8.68吨。", Reason = "前次发布所称1–1.5吨有误", HeadlineEn = "Correction: 8.68 t reached the river", TextEn = "8.68 t of aniline reached the Zhuozhang." });
        Publish(incident, 3, 3);
        Move(incident, 4, new WithdrawRelease { Release = 3, Reason = "以省政府发布为准", ReasonEn = "The province's release stands instead." });
        Publish(incident, 4, 4);
        var view = incident.View(Discovered.AddHours(5));

        var alerts = view.Releases.Select(r => CapSchema.AssertValid(Xml(Cap.Alert(view, r)))).ToList();

        Assert.Equal(["Alert", "Update", "Update", "Cancel"], alerts.Select(a => a.Cap("msgType")));
        Assert.All(alerts, a => Assert.Equal((status, "Public", "emergency@changzhi.example.gov.cn", view.Id), (a.Cap("status"), a.Cap("scope"), a.Cap("sender"), a.Cap("incidents"))));
        Assert.Equal([$"{view.Id}.release-1", $"{view.Id}.release-2", $"{view.Id}.release-3", $"{view.Id}.release-4"], alerts.Select(a => a.Cap("identifier")));
        Assert.Equal(
            [null, $"emergency@changzhi.example.gov.cn,{view.Id}.release-1,2012-12-31T08:55:00+08:00", $"emergency@changzhi.example.gov.cn,{view.Id}.release-2,2012-12-31T09:40:00+08:00",
             $"emergency@changzhi.example.gov.cn,{view.Id}.release-3,2012-12-31T10:40:00+08:00"],
            alerts.Select(a => a.Cap("references")));
        Assert.Equal("2012-12-31T08:55:00+08:00", alerts[0].Cap("sent"));
        Assert.Equal([null, null, "前次发布所称1–1.5吨有误", "以省政府发布为准"], alerts.Select(a => a.Cap("note")));

        // Chinese always, English when the release has it; the area is the region's official name with its GB/T 2260 code.
        Assert.Equal(["zh-CN", "en"], Infos(alerts[0]).Select(i => i.Cap("language")));
        Assert.Equal(["zh-CN"], Infos(alerts[1]).Select(i => i.Cap("language")));
        Assert.Equal(("Env", "突发环境事件", "Environmental incident"), (alerts[0].Cap("category"), Infos(alerts[0])[0].Cap("event"), Infos(alerts[0])[1].Cap("event")));
        Assert.Equal(("社会公众", "the public"), (Infos(alerts[0])[0].Cap("audience"), Infos(alerts[0])[1].Cap("audience")));
        Assert.Equal(("长治市", "GB/T 2260", "140400"), (alerts[0].Cap("areaDesc"), alerts[0].Cap("valueName"), alerts[0].Cap("value")));
        Assert.Equal(("Aniline spill at Lucheng", "The province's release stands instead."), (Infos(alerts[0])[1].Cap("headline"), Infos(alerts[3])[1].Cap("description")));
    }

    [Theory]
    [InlineData(0, "Immediate", "Likely")]
    [InlineData(1, "Immediate", "Observed")]
    [InlineData(2, "Past", "Observed")]
    public void Urgency_and_certainty_follow_the_phase_and_severity_the_level(int reports, string urgency, string certainty)
    {
        var incident = Registered("live", new IncidentFacts { CrossBoundary = CrossBoundary.CrossProvince });
        if (reports > 0)
        {
            Assert.True(incident.Handle(new FileReport { Kind = ReportKind.Initial, Medium = ReportMedium.Written, SignedOffBy = "长治市政府", Contact = "0355-12369", Content = "初报" }, Commander, Discovered.AddHours(1)).IsAccepted);
        }

        if (reports > 1)
        {
            Assert.True(incident.Handle(new FileReport { Kind = ReportKind.Final, Medium = ReportMedium.Written, SignedOffBy = "长治市政府", Contact = "0355-12369", Content = "处理结果" }, Commander, Discovered.AddHours(1)).IsAccepted);
        }

        Move(incident, 1, new DraftRelease { Audience = ReleaseAudience.Media, Headline = "通报", Text = "正文" });
        Publish(incident, 1, 1.5);
        var view = incident.View(Discovered.AddHours(2));

        var alert = CapSchema.AssertValid(Xml(Cap.Alert(view, view.Releases[0])));

        Assert.Equal((urgency, "Severe", certainty), (alert.Cap("urgency"), alert.Cap("severity"), alert.Cap("certainty")));
    }

    [Fact]
    public void What_a_person_wrote_is_escaped_not_spliced_into_the_alert()
    {
        var incident = Registered("live");
        Move(incident, 1, new DraftRelease { Audience = ReleaseAudience.DownstreamWaterUsers, Headline = "</headline><status>Test</status>", Text = "A & B <script>" });
        Publish(incident, 1, 1);
        var view = incident.View(Discovered.AddHours(2));

        var alert = CapSchema.AssertValid(Xml(Cap.Alert(view, view.Releases[0])));

        Assert.Equal(("</headline><status>Test</status>", "A & B <script>", "Actual"), (alert.Cap("headline"), alert.Cap("description"), alert.Cap("status")));
    }

    [Fact]
    public void A_release_published_after_a_spill_names_the_affected_river_reaches_as_areas_and_one_published_before_keeps_its_own()
    {
        var regions = RegionCatalogLoader.Load(Path.Combine(RepoPaths.Config, "regions", "cn-gbt2260.json"), refusesUnknown: false);
        var rivers = RiverCatalogLoader.Load(Path.Combine(RepoPaths.Config, "rivers"), regions);
        var cap = new ReleaseCap(Said.Texts, regions, new ConfigurationBuilder().Build(), rivers);
        var command = new ReportIncident
        {
            Title = "潞城市苯胺泄漏", Region = "长治市", DiscoveredAt = Discovered, SourceChannel = SourceChannel.Enterprise, Facts = new IncidentFacts { Deaths = 0 },
        };
        var (incident, registered) = Incident.Register($"inc-cap-{Guid.NewGuid():N}", "live", command, Commander, RuleSetLoader.Load(RepoPaths.IncidentRules), Discovered.AddMinutes(10));
        Assert.True(registered.IsAccepted, registered.Reason?.ToString());
        incident!.WithRivers(rivers);
        Move(incident, 1, new DraftRelease { Audience = ReleaseAudience.Public, Headline = "潞城市苯胺泄漏事件通报", Text = "正在监测。" });
        Publish(incident, 1, 1.25);
        var spill = incident.Handle(new RecordSpill { Reach = "zhuozhang-changzhi", PositionKm = 0, At = Discovered, Pollutant = "苯胺", MassKg = 8_680 }, Commander, Discovered.AddHours(1.5));
        Assert.True(spill.IsAccepted, spill.Reason?.ToString());
        Move(incident, 2, new UpdateRelease { Release = 1, Headline = "续报：苯胺进入浊漳河", Text = "下游已接到预警。" });
        Publish(incident, 2, 3);
        var view = incident.View(Discovered.AddHours(4));

        var before = CapSchema.AssertValid(Xml(cap.Alert(view, view.Releases[0])));
        var after = CapSchema.AssertValid(Xml(cap.Alert(view, view.Releases[1])));

        var found = rivers.FindReach("zhuozhang-changzhi")!.Value;
        var reaches = found.System.Downstream(found.Reach).ToList();
        Assert.Equal([("长治市", "140400")], Areas(before));
        Assert.Equal([("长治市", "140400"), .. reaches.Select(r => (r.Name, r.Jurisdiction.Code))], Areas(after));
        Assert.Equal(reaches.Select(r => r.Id), view.Releases[1].Reaches);
    }

    private static List<(string Description, string? Code)> Areas(XDocument alert) =>
        [.. alert.Descendants(XName.Get("area", CapSchema.Namespace)).Select(a =>
            (a.Element(XName.Get("areaDesc", CapSchema.Namespace))!.Value, a.Descendants(XName.Get("value", CapSchema.Namespace)).FirstOrDefault()?.Value))];

    private static Incident Registered(string scope, IncidentFacts? facts = null)
    {
        var command = new ReportIncident
        {
            Title = "潞城市苯胺泄漏", Region = "长治市", DiscoveredAt = Discovered, SourceChannel = SourceChannel.Enterprise,
            Facts = facts ?? new IncidentFacts { Deaths = 0 },
        };
        var (incident, decision) = Incident.Register($"inc-cap-{Guid.NewGuid():N}", scope, command, Commander, RuleSetLoader.Load(RepoPaths.IncidentRules), Discovered.AddMinutes(10));
        Assert.True(decision.IsAccepted, decision.Reason?.ToString());
        return incident!;
    }

    private static void Move(Incident incident, int number, IncidentCommand draft)
    {
        var at = Discovered.AddHours(number);
        Assert.True(incident.Handle(draft, Commander, at).IsAccepted);
        Assert.Equal(number, incident.State.Releases[^1].Number);
    }

    private static void Publish(Incident incident, int number, double hours)
    {
        var at = Discovered.AddHours(hours);
        Assert.True(incident.Handle(new ApproveRelease { Release = number, ApprovedBy = "王副局长" }, Commander, at).IsAccepted);
        var published = incident.Handle(new PublishRelease { Release = number }, Commander, at);
        Assert.True(published.IsAccepted, published.Reason?.ToString());
    }

    private static List<XElement> Infos(XDocument alert) => [.. alert.Root!.Elements(XName.Get("info", CapSchema.Namespace))];

    private static string Xml(XDocument document) => System.Text.Encoding.UTF8.GetString(ReleaseCap.Bytes(document));
}
