using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Emergency.Testing;

namespace Emergency.Api.Tests.Infrastructure;

/// <summary>Validates CAP alerts against the OASIS CAP 1.2 schema (a copy of OASIS's XSD in tests/Emergency.Api.Tests/standards).</summary>
public static class CapSchema
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(RepoPaths.Root, "tests", "Emergency.Api.Tests", "standards", "CAP-v1.2.xsd"));
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    });

    /// <summary>Parses <paramref name="xml"/> and asserts it is a valid CAP 1.2 alert; returns it.</summary>
    public static XDocument AssertValid(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + xml);
        var document = XDocument.Parse(xml);
        Assert.Equal(XName.Get("alert", Namespace), document.Root!.Name);
        return document;
    }

    /// <summary>The text of the first CAP element of that name, or null.</summary>
    public static string? Cap(this XContainer node, string name) => node.Descendants(XName.Get(name, Namespace)).FirstOrDefault()?.Value;
}
