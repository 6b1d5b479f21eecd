using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Officers' words and the links between one person's cases, over real HTTP: petition officers only.</summary>
[Collection(SharedEngine.Name)]
public sealed class OfficersNotesApiTests(EngineFixture engine)
{
    private const string Reason = "Li Hua's quarrel with a neighbour over farmland";

    [Fact]
    public async Task Only_a_petition_officer_reads_the_reasons_and_the_earlier_cases_of_the_same_person_in_views_lists_and_the_board()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var enterprise = EngineFixture.NewRegion("Notes Works");
        // A telephone of this test's own: the shared engine's other tests complain with other people's.
        var phone = $"139{Random.Shared.Next(100_000_000):D8}";
        var first = (await officer.Post("/api/disputes", FromPhone(DisputeApiTests.Complaint(enterprise, engine.Now.AddDays(-3)), phone))).Body.Str("id");
        var second = await officer.Post("/api/disputes", FromPhone(DisputeApiTests.Complaint(enterprise, engine.Now.AddHours(-1)), phone));
        Assert.True(second.Status == HttpStatusCode.Created, second.ToString());
        var id = second.Body.Str("id");
        var transferred = await officer.Post($"/api/disputes/{first}/acceptance", new { outcome = "transferredOut", reason = Reason, transferredTo = "Land and resources bureau" });
        Assert.True(transferred.Status == HttpStatusCode.OK, transferred.ToString());

        var own = await officer.Get($"/api/disputes/{id}");
        var linked = own.Body["earlierCases"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.True(linked.Contains(first) && !linked.Contains(id), $"{id} links {string.Join(", ", linked)}; expected {first}");
        Assert.Contains(own.Body["timeline"]!.AsArray(), e => e.Str("text").Contains(first, StringComparison.Ordinal));
        var ownFirst = await officer.Get($"/api/disputes/{first}");
        Assert.Equal(Reason, ownFirst.Body["acceptance"].Str("reason"));
        Assert.Contains("farmland", ownFirst.Text, StringComparison.Ordinal);

        using var drill = engine.As(Tokens.DrillOrganiser);
        foreach (var other in new[] { engine.Commander, engine.Observer, engine.DecisionMaker, drill })
        {
            var seen = await other.Get($"/api/disputes/{id}");
            Assert.Equal(HttpStatusCode.OK, seen.Status);
            Assert.Empty(seen.Body["earlierCases"]!.AsArray());
            Assert.DoesNotContain(first, seen.Text, StringComparison.Ordinal);

            // The procedure stays: the outcome and the organ; the officer's reason does not.
            var seenFirst = await other.Get($"/api/disputes/{first}");
            Assert.DoesNotContain("farmland", seenFirst.Text, StringComparison.Ordinal);
            Assert.Equal("transferredOut", seenFirst.Body["acceptance"].Str("outcome"));
            Assert.Equal("Land and resources bureau", seenFirst.Body["acceptance"].Str("transferredTo"));
        }

        // Summaries reach every role's list and board: they carry neither.
        foreach (var reader in new[] { officer, engine.Observer })
        {
            var list = await reader.Get($"/api/disputes?enterprise={Uri.EscapeDataString(enterprise)}");
            Assert.Contains(id, list.Body.AsArray().Ids());
            Assert.All(list.Body.AsArray(), s => Assert.Empty(s!["earlierCases"]!.AsArray()));
        }

        var board = await engine.Observer.Get("/api/board");
        Assert.Equal(HttpStatusCode.OK, board.Status);
        Assert.DoesNotContain("farmland", board.Text, StringComparison.Ordinal);
        var onBoard = board.Body["disputes"]!.AsArray().Single(d => d.Str("id") == id);
        Assert.Empty(onBoard!["earlierCases"]!.AsArray());
    }

    [Fact]
    public async Task Only_a_petition_officer_reads_the_officers_words_on_a_suggestion()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var unit = EngineFixture.NewRegion("Notes section");
        var id = (await officer.Post("/api/suggestions", new JsonObject
        {
            ["kind"] = "memberProposal",
            ["title"] = "Cleaner buses",
            ["deputy"] = new JsonObject { ["name"] = "Member Zhou", ["contact"] = "138-0000-0000" },
            ["content"] = "Replace the diesel buses.",
            ["receivedAt"] = Bodies.Time(engine.Now.AddDays(-3)),
            ["unit"] = "EPB general office",
        })).Body.Str("id");
        var first = new { leader = "Deputy director Wang", unit, requirement = "Study the fleet", deadline = Bodies.Time(engine.Now.AddDays(60)), complex = false };
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/suggestions/{id}/assign", first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/suggestions/{id}/return", new { reason = "Buses are the transport bureau's, Zhou's cousin runs it" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/suggestions/{id}/assign", new
        {
            leader = "Deputy director Wang", unit, requirement = "Study the fleet", deadline = Bodies.Time(engine.Now.AddDays(60)),
            complex = true, complexBecause = "Zhou's health keeps the meetings short",
        })).Status);
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/suggestions/{id}/communication", new { means = "visit", note = "met Zhou at the hospital" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/suggestions/{id}/reply", new { content = "Forty buses will be electric by 2027." })).Status);
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/suggestions/{id}/satisfaction", new { satisfaction = "basicallySatisfied", note = "Zhou wants a date" })).Status);
        string[] words = ["cousin", "health", "hospital", "wants a date"];

        var own = await officer.Get($"/api/suggestions/{id}");
        Assert.All(words, w => Assert.Contains(w, own.Text, StringComparison.Ordinal));

        using var drill = engine.As(Tokens.DrillOrganiser);
        foreach (var other in new[] { engine.Commander, engine.Observer, engine.DecisionMaker, drill })
        {
            var seen = await other.Get($"/api/suggestions/{id}");
            Assert.Equal(HttpStatusCode.OK, seen.Status);
            Assert.All(words, w => Assert.DoesNotContain(w, seen.Text, StringComparison.Ordinal));

            // The procedure stays: both assignments with their four fixed points, the contact's means, the satisfaction.
            Assert.Equal(2, seen.Body["assignments"]!.AsArray().Count);
            Assert.Equal("Study the fleet", seen.Body["assignments"]![1]!["points"].Str("requirement"));
            Assert.Equal("visit", seen.Body["communications"]![0].Str("means"));
            Assert.Equal("basicallySatisfied", seen.Body["satisfactions"]![0].Str("satisfaction"));
        }

        var list = await engine.Observer.Get($"/api/suggestions?unit={Uri.EscapeDataString(unit)}");
        Assert.Contains(id, list.Body.AsArray().Ids());
        Assert.All(words, w => Assert.DoesNotContain(w, list.Text, StringComparison.Ordinal));
    }

    private static JsonObject FromPhone(JsonObject complaint, string phone)
    {
        complaint["complainant"]!["contact"] = phone;
        return complaint;
    }
}
