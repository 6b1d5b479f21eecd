using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Emergency.Api.Tests.Infrastructure;

/// <summary>One answer of the Prometheus endpoint, read as samples: a name, its labels, a value.</summary>
public sealed partial record Scrape(string Text, IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples)
{
    /// <summary>Scrapes <c>/metrics</c> as <paramref name="api"/> and insists on 200.</summary>
    public static async Task<Scrape> Of(ApiClient api)
    {
        var reply = await api.Get("/metrics");
        Assert.True(reply.Status == HttpStatusCode.OK, $"/metrics: {reply}");
        var samples = new List<(string, IReadOnlyDictionary<string, string>, double)>();
        foreach (var line in reply.Text.Split('\n'))
        {
            if (SampleLine().Match(line) is { Success: true } sample)
            {
                var labels = Label().Matches(sample.Groups["labels"].Value).ToDictionary(l => l.Groups["name"].Value, l => l.Groups["value"].Value);
                samples.Add((sample.Groups["name"].Value, labels, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }

        return new Scrape(reply.Text, samples);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when there is none).</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    public override string ToString() => Text.Length > 4000 ? Text[..4000] + "…" : Text;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)"(,|$)""")]
    private static partial Regex Label();
}
