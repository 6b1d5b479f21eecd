using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>
/// A case's timeline returned a page at a time: a command's answer and a read of the case carry the newest 50 entries and
/// the count of all, and GET {id}/timeline reads the older ones, oldest first, for whoever may read the case.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class TimelinePagingApiTests(EngineFixture engine)
{
    private const int ViewSize = 50;

    private ApiClient Api => engine.Commander;

    [Fact]
    public async Task A_long_timeline_is_answered_by_its_newest_entries_and_its_count_and_every_older_entry_is_read_page_by_page()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("LongHistory"), engine.Now.AddMinutes(-10)))).Str("id");
        JsonNode answer = null!;
        for (var i = 0; i < 60; i++)
        {
            answer = await Api.Command($"/api/incidents/{id}/facts", new { facts = new { evacuated = 100 + i } });
        }

        var total = answer.Long("timelineCount");
        Assert.True(total > 60, $"{total} entries");
        Assert.Equal(Seqs(total - ViewSize + 1, total), answer["timeline"]!.AsArray().Select(e => e.Long("seq")));

        var read = await Api.Incident(id);
        Assert.Equal(total, read.Long("timelineCount"));
        Assert.Equal(Seqs(total - ViewSize + 1, total), read["timeline"]!.AsArray().Select(e => e.Long("seq")));

        // Page by page back from the oldest entry shown: every entry once, in order; an observer may read them too.
        var seen = new List<long>();
        var before = total - ViewSize + 1;
        while (before > 1)
        {
            var page = (await engine.Observer.Get($"/api/incidents/{id}/timeline?before={before}&count=20")).Body;
            Assert.Equal(total, page.Long("total"));
            var seqs = page["entries"]!.AsArray().Select(e => e.Long("seq")).ToList();
            Assert.Equal(Seqs(Math.Max(1, before - 20), before - 1), seqs);
            seen.InsertRange(0, seqs);
            before = seqs[0];
        }

        Assert.Equal(Seqs(1, total - ViewSize), seen);
        Assert.Equal("registered", (await Api.Get($"/api/incidents/{id}/timeline?before=2&count=1")).Body["entries"]![0].Str("kind"));

        // Without before: the newest page, as the read of the case has it.
        var newest = (await Api.Get($"/api/incidents/{id}/timeline")).Body;
        Assert.Equal(read["timeline"]!.ToJsonString(), newest["entries"]!.ToJsonString());
    }

    [Theory]
    [InlineData("before=0", "before")]
    [InlineData("before=-3", "before")]
    [InlineData("before=soon", "before")]
    [InlineData("count=0", "count")]
    [InlineData("count=501", "count")]
    [InlineData("count=ten", "count")]
    [InlineData("before=2.5&count=10", "before")]
    public async Task Paging_that_is_not_a_number_in_range_is_a_400_naming_it(string query, string field)
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("BadPage"), engine.Now.AddMinutes(-10)))).Str("id");

        var body = Problem.Assert(await Api.Get($"/api/incidents/{id}/timeline?{query}"), HttpStatusCode.BadRequest, field);

        Assert.Contains("must be a whole number", body["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_a_case_that_does_not_exist_is_a_404_and_every_kind_pages_its_timeline()
    {
        Problem.Assert(await Api.Get("/api/incidents/inc-nothing-here/timeline"), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Get("/api/incidents/not-an-id/timeline"), HttpStatusCode.NotFound);

        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var petition = (await officer.Post("/api/disputes", DisputeApiTests.Complaint(EngineFixture.NewRegion("Paged Works"), engine.Now.AddHours(-1)))).Body;
        var page = (await engine.Observer.Get($"/api/disputes/{petition.Str("id")}/timeline")).Body;
        var read = (await engine.Observer.Get($"/api/disputes/{petition.Str("id")}")).Body;
        Assert.Equal(read.Long("timelineCount"), page.Long("total"));
        Assert.Equal(read["timeline"]!.ToJsonString(), page["entries"]!.ToJsonString());
        Problem.Assert(await engine.Observer.Get("/api/disputes/pet-nothing-here/timeline"), HttpStatusCode.NotFound);

        foreach (var kind in new[] { "suggestions/sug-", "disclosures/dis-", "decisions/dec-" })
        {
            Problem.Assert(await engine.Observer.Get($"/api/{kind}nothing-here/timeline"), HttpStatusCode.NotFound);
        }
    }

    private static List<long> Seqs(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];
}
