using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>The lists of open petitions, suggestions and disclosure requests a page at a time, with the next page in the Link header.</summary>
[Collection(SharedEngine.Name)]
public sealed class OpenListPagingTests(EngineFixture engine)
{
    [Fact]
    public async Task Following_the_next_links_lists_every_open_petition_once_in_the_order_of_one_page_overdue_first()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var region = EngineFixture.NewRegion("Paging");
        var ids = new List<string>();
        foreach (var daysAgo in new[] { 0, 40, 1, 40, 90, 0, 3 })
        {
            var complaint = DisputeApiTests.Complaint(EngineFixture.NewRegion("Paged Works"), engine.Now.AddDays(-daysAgo).AddMinutes(-ids.Count));
            complaint["subject"]!["region"] = region;
            var created = await officer.Post("/api/disputes", complaint);
            Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
            ids.Add(created.Body.Str("id"));
        }

        var whole = await engine.Observer.Get($"/api/disputes?region={region}&limit=1000");
        Assert.Null(whole.Header("Link"));
        var inOrder = whole.Body.AsArray().Select(d => d!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), inOrder.Select(d => d.Str("id")).Order(StringComparer.Ordinal));
        Assert.Contains(inOrder, d => d["overdue"]!.GetValue<bool>());
        Assert.Contains(inOrder, d => !d["overdue"]!.GetValue<bool>());
        for (var i = 1; i < inOrder.Count; i++)
        {
            var (before, after) = (inOrder[i - 1], inOrder[i]);
            var key = (Overdue: !after["overdue"]!.GetValue<bool>(), Due: after.Time("nextDueAt"), Id: after.Str("id"));
            var previous = (Overdue: !before["overdue"]!.GetValue<bool>(), Due: before.Time("nextDueAt"), Id: before.Str("id"));
            Assert.True(previous.Overdue.CompareTo(key.Overdue) < 0 || previous.Overdue == key.Overdue
                && (previous.Due < key.Due || previous.Due == key.Due && string.CompareOrdinal(previous.Id, key.Id) < 0), $"{previous} listed before {key}");
        }

        // Pages of three: 3, 3 and 1, each link naming the filters and the next position.
        var paged = new List<string>();
        var pages = new List<int>();
        var next = $"/api/disputes?region={region}&limit=3";
        while (next is not null)
        {
            var page = await engine.Observer.Get(next);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages.Add(page.Body.AsArray().Count);
            paged.AddRange(page.Body.AsArray().Select(d => d.Str("id")));
            next = NextOf(page);
            Assert.True(next is null || next.Contains($"region={region}", StringComparison.Ordinal) && next.Contains("limit=3", StringComparison.Ordinal), next);
        }

        Assert.Equal([3, 3, 1], pages);
        Assert.Equal(inOrder.Select(d => d.Str("id")), paged);

        // The overdue ones alone, a page of one at a time, are the first of the whole list.
        var overdue = new List<string>();
        next = $"/api/disputes?region={region}&overdue=true&limit=1";
        while (next is not null)
        {
            var page = await engine.Observer.Get(next);
            overdue.AddRange(page.Body.AsArray().Select(d => d.Str("id")));
            next = NextOf(page);
        }

        Assert.Equal(inOrder.TakeWhile(d => d["overdue"]!.GetValue<bool>()).Select(d => d.Str("id")), overdue);
    }

    [Fact]
    public async Task Without_filters_pages_never_repeat_a_case_and_the_first_page_is_the_limit_with_a_next_link()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await officer.Post("/api/disputes", DisputeApiTests.Complaint(EngineFixture.NewRegion("Unfiltered Works"), engine.Now))).Status);
        }

        var first = await engine.Observer.Get("/api/disputes?limit=2");
        Assert.Equal(2, first.Body.AsArray().Count);
        var seen = first.Body.AsArray().Select(d => d.Str("id")).ToList();
        var next = NextOf(first);
        Assert.NotNull(next);
        for (var i = 0; i < 3 && next is not null; i++)
        {
            var page = await engine.Observer.Get(next);
            var ids = page.Body.AsArray().Select(d => d.Str("id")).ToList();
            Assert.Empty(ids.Intersect(seen));
            seen.AddRange(ids);
            next = NextOf(page);
        }
    }

    [Theory]
    [InlineData("/api/disputes?limit=0", "limit")]
    [InlineData("/api/disputes?limit=1001", "limit")]
    [InlineData("/api/disputes?limit=ten", "limit")]
    [InlineData("/api/disputes?limit=-1", "limit")]
    [InlineData("/api/disputes?after=not-a-position", "after")]
    [InlineData("/api/disputes?after=", "after")]
    [InlineData("/api/disputes?after=b3x8fHBldC1h", "after")]
    [InlineData("/api/disputes?after=dXxJfDk5OTk5OTk5OTk5OTk5OTk5OTk5fHBldC1h", "after")]
    [InlineData("/api/disputes?after=eHx8fHBldC1h", "after")]
    [InlineData("/api/disputes?after=dXxJIEl8fHBldC1h", "after")]
    [InlineData("/api/disputes?after=dXx8fA", "after")]
    [InlineData("/api/disputes?after=dXx8fHBldC1hfGI", "after")]
    [InlineData("/api/incidents?limit=0", "limit")]
    [InlineData("/api/incidents?after=eHx8fHBldC1h", "after")]
    [InlineData("/api/suggestions?limit=5000", "limit")]
    [InlineData("/api/suggestions?after=%00", "after")]
    [InlineData("/api/disclosures?limit=1.5", "limit")]
    [InlineData("/api/disclosures?after=fA", "after")]
    public async Task A_bad_page_is_400_naming_the_field(string path, string field)
    {
        Problem.Assert(await engine.Observer.Get(path), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Incidents_page_overdue_first_then_by_level_then_by_next_deadline()
    {
        var api = engine.Commander;
        var region = EngineFixture.NewRegion("Paged Handan");
        var now = engine.Now;
        var ids = new List<string>
        {
            (await api.Register(Bodies.Incident(region, now.AddMinutes(-5)))).Str("id"),
            (await api.Register(Bodies.Incident(region, now.AddMinutes(-5), Bodies.CrossProvince()))).Str("id"),
            (await api.Register(Bodies.Incident(region, now.AddHours(-5)))).Str("id"),
            (await api.Register(Bodies.Incident(region, now.AddMinutes(-50)))).Str("id"),
            (await api.Register(Bodies.Incident(region, now.AddHours(-6), Bodies.CrossProvince()))).Str("id"),
        };

        var whole = (await engine.Observer.Get($"/api/incidents?region={region}&limit=1000")).Body.AsArray().Select(d => d!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), whole.Select(d => d.Str("id")).Order(StringComparer.Ordinal));
        string[] levels = ["I", "II", "III", "IV"];
        var keys = whole.Select(d => (NotOverdue: !d["overdue"]!.GetValue<bool>(), Level: Array.IndexOf(levels, d.Str("level")), Due: d.Time("nextDueAt"))).ToList();
        Assert.Equal(keys.Order(), keys);
        Assert.Contains(keys, k => k.NotOverdue);
        Assert.Contains(keys, k => !k.NotOverdue);
        Assert.Equal(2, keys.Count(k => k.Level == 1));

        var paged = new List<string>();
        string? next = $"/api/incidents?region={region}&limit=1";
        while (next is not null)
        {
            var page = await engine.Observer.Get(next);
            paged.AddRange(page.Body.AsArray().Select(d => d.Str("id")));
            next = NextOf(page);
        }

        Assert.Equal(whole.Select(d => d.Str("id")), paged);
    }

    [Fact]
    public async Task Suggestions_and_disclosure_requests_page_the_same_way()
    {
        // At least two of each open, so that pages of one must follow their links.
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var unit = EngineFixture.NewRegion("Paged office");
        for (var i = 0; i < 2; i++)
        {
            var suggestion = await officer.Post("/api/suggestions", new JsonObject
            {
                ["kind"] = "deputySuggestion",
                ["title"] = $"Paged suggestion {i}",
                ["deputy"] = new JsonObject { ["name"] = "Deputy Sun", ["contact"] = "139-0000-0000" },
                ["content"] = "The plant is 300 m from the school.",
                ["receivedAt"] = Bodies.Time(engine.Now.AddDays(-i)),
                ["unit"] = unit,
            });
            Assert.True(suggestion.Status == HttpStatusCode.Created, suggestion.ToString());
            var request = await officer.Post("/api/disclosures", DisclosureApiTests.Request(unit, engine.Now.AddDays(-i)));
            Assert.True(request.Status == HttpStatusCode.Created, request.ToString());
        }

        foreach (var list in new[] { "/api/suggestions", "/api/disclosures" })
        {
            var whole = (await engine.Observer.Get($"{list}?limit=1000")).Body.AsArray().Select(d => d.Str("id")).ToList();
            var paged = new List<string>();
            string? next = $"{list}?limit=1";

            // Bounded, should a page ever link to itself; other tests may add cases while the pages are read.
            while (next is not null && paged.Count <= whole.Count + 100)
            {
                var page = await engine.Observer.Get(next);
                paged.AddRange(page.Body.AsArray().Select(d => d.Str("id")));
                next = NextOf(page);
            }

            // Other tests may add cases meanwhile: every case listed at once is listed by the pages, once each.
            Assert.Equal(paged.Count, paged.Distinct().Count());
            Assert.Empty(whole.Except(paged));
        }
    }

    /// <summary>The target of the Link header's rel="next", or null when there is none.</summary>
    private static string? NextOf(Reply reply)
    {
        var link = reply.Header("Link");
        if (link is null)
        {
            return null;
        }

        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        return link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
