using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Regions;
using Emergency.Domain.Rivers;
using Emergency.Domain.Rules;
using Emergency.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// A published release as an OASIS CAP 1.2 alert, and the Atom feed of alerts. Built as XML trees, never as text: what
/// a person wrote is escaped by the XML writer. The mapping of level and phase to urgency, severity and certainty is
/// documented in docs/releases.md with its sources. The river reaches a spill affected (config/rivers) are areas of
/// their own beside the region's.
/// </summary>
public sealed class ReleaseCap(TextRenderer texts, RegionCatalog regions, IConfiguration configuration, RiverCatalog? rivers = null)
{
    public const string ContentType = "application/cap+xml";

    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>CAP severity from the incident's level at publication: 特别重大, 重大, 较大, 一般 as the red, orange, yellow and blue of China's warning signals.</summary>
    public static readonly IReadOnlyDictionary<IncidentLevel, string> Severity = new Dictionary<IncidentLevel, string>
    {
        [IncidentLevel.I] = "Extreme",
        [IncidentLevel.II] = "Severe",
        [IncidentLevel.III] = "Moderate",
        [IncidentLevel.IV] = "Minor",
    };

    /// <summary>CAP urgency and certainty from the incident's phase at publication: before the initial report the facts are unconfirmed; after the final report nothing is left to do.</summary>
    public static readonly IReadOnlyDictionary<IncidentPhase, (string Urgency, string Certainty)> ByPhase = new Dictionary<IncidentPhase, (string, string)>
    {
        [IncidentPhase.Registered] = ("Immediate", "Likely"),
        [IncidentPhase.Responding] = ("Immediate", "Observed"),
        [IncidentPhase.FinalReportFiled] = ("Past", "Observed"),
        [IncidentPhase.Closed] = ("Past", "Observed"),
    };

    /// <summary>Who sends the alerts: CAP's sender, an address with no spaces, commas or reserved characters (setting <c>Cap:Sender</c>).</summary>
    public string Sender => configuration["Cap:Sender"] is { Length: > 0 } sender ? sender : "emergency@localhost";

    /// <summary>The department, as CAP's senderName says it (setting <c>Cap:SenderName</c>).</summary>
    public string Department => configuration["Cap:SenderName"] is { Length: > 0 } name ? name : "生态环境局";

    /// <summary>CAP's identifier of a release: unique for the sender, since incident ids are.</summary>
    public static string Identifier(IncidentView incident, Release release) => $"{incident.Id}.release-{release.Number}";

    /// <summary>The alert of a published release.</summary>
    public XDocument Alert(IncidentView incident, Release release)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(release);
        var replaced = release.Replaces is { } n ? incident.Releases.FirstOrDefault(r => r.Number == n) : null;
        var alert = new XElement(
            Cap + "alert",
            new XElement(Cap + "identifier", Identifier(incident, release)),
            new XElement(Cap + "sender", Sender),
            new XElement(Cap + "sent", Sent(release.PublishedAt!.Value)),
            new XElement(Cap + "status", Scopes.IsDrill(incident.Scope) ? "Exercise" : "Actual"),
            new XElement(Cap + "msgType", release.Kind switch
            {
                ReleaseKind.Alert => "Alert",
                ReleaseKind.Withdrawal => "Cancel",
                _ => "Update",
            }),
            new XElement(Cap + "scope", "Public"),
            release.Reason is { } reason ? new XElement(Cap + "note", reason) : null,
            replaced?.PublishedAt is { } then ? new XElement(Cap + "references", $"{Sender},{Identifier(incident, replaced)},{Sent(then)}") : null,
            new XElement(Cap + "incidents", incident.Id),
            Info(incident, release, TextRenderer.Chinese, release.Headline, release.Text),
            release.HeadlineEn is { } headline && release.TextEn is { } text ? Info(incident, release, TextRenderer.English, headline, text) : null);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), alert);
    }

    /// <summary>The Atom feed of alerts: one entry per release that stands, newest first, each linking its CAP alert.</summary>
    public XDocument Feed(IEnumerable<(IncidentView Incident, Release Release)> alerts, string self, Func<IncidentView, Release, string> capLink, DateTimeOffset now)
    {
        var entries = alerts.OrderByDescending(a => a.Release.PublishedAt).ThenBy(a => a.Incident.Id, StringComparer.Ordinal).ToList();
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Atom + "feed",
                new XElement(Atom + "id", self),
                new XElement(Atom + "title", texts.Render(ReleaseTexts.FeedTitle, TextRenderer.Chinese)),
                new XElement(Atom + "updated", Sent(entries.Count > 0 ? entries[0].Release.PublishedAt!.Value : now)),
                new XElement(Atom + "author", new XElement(Atom + "name", Department)),
                new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self)),
                entries.Select(a => new XElement(
                    Atom + "entry",
                    new XElement(Atom + "id", capLink(a.Incident, a.Release)),
                    new XElement(Atom + "title", a.Release.Headline),
                    new XElement(Atom + "updated", Sent(a.Release.PublishedAt!.Value)),
                    new XElement(Atom + "summary", a.Release.Text),
                    new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", ContentType), new XAttribute("href", capLink(a.Incident, a.Release)))))));
    }

    /// <summary>The document as UTF-8 bytes with its declaration.</summary>
    public static byte[] Bytes(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    private XElement Info(IncidentView incident, Release release, CultureInfo language, string headline, string text)
    {
        var level = release.Level ?? incident.Grade.Level;
        var (urgency, certainty) = ByPhase[release.Phase ?? incident.Phase];
        var region = regions.Resolve(incident.Region).Region;
        return new XElement(
            Cap + "info",
            new XElement(Cap + "language", language == TextRenderer.Chinese ? "zh-CN" : "en"),
            new XElement(Cap + "category", "Env"),
            new XElement(Cap + "event", texts.Render(ReleaseTexts.CapEvent, language)),
            new XElement(Cap + "urgency", urgency),
            new XElement(Cap + "severity", Severity[level]),
            new XElement(Cap + "certainty", certainty),
            new XElement(Cap + "audience", texts.Render(Arg.Of(release.Audience), language)),
            new XElement(Cap + "senderName", texts.Render(ReleaseTexts.CapSenderName.With(("department", Department)), language)),
            new XElement(Cap + "headline", headline),
            new XElement(Cap + "description", text),
            Area(region?.Name ?? incident.Region, region?.Code),
            release.Reaches.Select(id => (rivers ?? RiverCatalog.None).FindReach(id) is { } found ? Area(found.Reach.Name, found.Reach.Jurisdiction.Code) : Area(id, null)));
    }

    /// <summary>An area by its description, with its GB/T 2260 code when it has one.</summary>
    private static XElement Area(string description, string? code) => new(
        Cap + "area",
        new XElement(Cap + "areaDesc", description),
        code is null ? null : new XElement(Cap + "geocode", new XElement(Cap + "valueName", "GB/T 2260"), new XElement(Cap + "value", code)));

    /// <summary>A moment as CAP writes it: seconds, and the offset of the deployment's zone spelt out (never "Z").</summary>
    private string Sent(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, texts.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
