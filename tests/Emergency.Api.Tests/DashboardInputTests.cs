using System.Net;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>
/// The Orleans dashboard's own routes, given malformed input by an administrator, answer a problem: 400 for what is
/// not a silo address or not a request the dashboard reads, 404 for a silo the cluster does not have, never a 5xx.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class DashboardInputTests(EngineFixture engine)
{
    private static readonly string[] SiloRoutes = ["SiloCounters", "SiloMetadata", "SiloProperties", "SiloStats", "HistoricalStats"];

    private static readonly string[] Malformed = ["x", "127.0.0.1", "127.0.0.1:11111", "127.0.0.1:11111@", "127.0.0.1:x@1", "300.0.0.1:11111@1", "127.0.0.1:11111@x", "%ED%A0%80", "a/b/c", "-1"];

    [Theory]
    [InlineData("SiloCounters")]
    [InlineData("SiloMetadata")]
    [InlineData("SiloProperties")]
    [InlineData("SiloStats")]
    [InlineData("HistoricalStats")]
    public async Task A_malformed_silo_address_is_a_400_naming_the_address(string route)
    {
        using var admin = engine.As(Tokens.Administrator);

        foreach (var address in Malformed)
        {
            var reply = await admin.Get($"/dashboard/{route}/{address}");
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{route}/{address}: {reply}");
            Assert.True(reply.ContentType == "application/problem+json", $"{route}/{address}: {reply}");
            Problem.Assert(reply, HttpStatusCode.BadRequest, "address");
        }
    }

    [Theory]
    [InlineData("SiloCounters")]
    [InlineData("HistoricalStats")]
    public async Task A_silo_the_cluster_does_not_have_is_a_404(string route)
    {
        using var admin = engine.As(Tokens.Administrator);

        var reply = await admin.Get($"/dashboard/{route}/10.255.255.1:11111@441763200");

        Problem.Assert(reply, HttpStatusCode.NotFound);
        Assert.Contains("10.255.255.1:11111@441763200", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_garbage_in_the_dashboards_paths_gets_no_5xx()
    {
        using var admin = engine.As(Tokens.Administrator);
        var random = new Random(20261207);
        const string alphabet = "azAZ09.:@-_~%/ ?#[]!$&'()*+,;=\u00e9\u4e2d\ud83d\ude00";
        var routes = SiloRoutes.Concat(["GrainStats", "Reminders", "fonts", "img", "version", "no-such-route"]).ToArray();

        for (var i = 0; i < 60; i++)
        {
            var segment = new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var path = $"/dashboard/{routes[i % routes.Length]}/{Uri.EscapeDataString(segment)}";
            var reply = await admin.Get(path);
            Assert.True((int)reply.Status < 500, $"{path} ({segment}): {reply}");
        }
    }
}
