using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>
/// Efficiency supervision (效能监察) counts closed cases too, read from the durable case index: a month's on-time
/// figures stay as its cases close, and survive a restart.
/// </summary>
public sealed class SupervisionHistoryTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_months_figures_stay_when_its_petitions_close_and_after_a_restart()
    {
        using var directory = new TempDirectory("api");
        var unit = EngineFixture.NewRegion("Supervised office");
        var path = $"/api/supervision?unit={Uri.EscapeDataString(unit)}";
        JsonNode before;
        await using (var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), T0, Ct))
        {
            using var officer = new ApiClient(engine.Client(DisputeApiTests.PetitionToken));
            using var observer = new ApiClient(engine.Client(Tokens.Observer));
            var ids = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var complaint = DisputeApiTests.Complaint(EngineFixture.NewRegion("History Works"), T0.AddHours(-2 - i));
                complaint["unit"] = unit;
                var id = (await officer.Post("/api/disputes", complaint)).Body.Str("id");
                await Ok(officer, $"/api/disputes/{id}/acceptance", new { outcome = "accepted" });
                await Ok(officer, $"/api/disputes/{id}/assign", new
                {
                    leader = "Deputy director Wang", unit, requirement = "Inspect the plant", deadline = Bodies.Time(T0.AddDays(20)),
                });
                await Ok(officer, $"/api/disputes/{id}/handling", new { result = "Inspected", finding = "violationFound" });
                await Ok(officer, $"/api/disputes/{id}/reply", new { content = "The plant was fined." });
                await Ok(officer, $"/api/disputes/{id}/satisfaction", new { satisfaction = "satisfied" });
                ids.Add(id);
            }

            before = (await observer.Get(path)).Body["rates"]!;
            Assert.NotEmpty(before.AsArray());
            Assert.All(before.AsArray(), r => Assert.Equal(r!["acceptanceCounted"]!.GetValue<int>(), r["acceptedOnTime"]!.GetValue<int>()));
            Assert.Equal(3, before.AsArray().Sum(r => r!["acceptanceCounted"]!.GetValue<int>()));

            // The petitioner's time to ask for a review runs out; then every case of the month is closed.
            engine.Clock.Advance(TimeSpan.FromDays(45));
            foreach (var id in ids)
            {
                await Ok(officer, $"/api/disputes/{id}/close", null);
            }

            Assert.DoesNotContain((await observer.Get("/api/disputes")).Body.AsArray(), d => ids.Contains(d.Str("id")));
            var after = (await observer.Get(path)).Body;
            Assert.True(JsonNode.DeepEquals(before, after["rates"]), $"before closing: {before}; after: {after["rates"]}");
            await engine.StopAsync();
        }

        await using var restarted = await EngineInstance.StartAsync(directory.File("emergency.db"), T0.AddDays(46), Ct);
        using var observerAfter = new ApiClient(restarted.Client(Tokens.Observer));
        var afterRestart = (await observerAfter.Get(path)).Body;
        Assert.True(JsonNode.DeepEquals(before, afterRestart["rates"]), $"before closing: {before}; after a restart: {afterRestart["rates"]}");
    }

    private static async Task Ok(ApiClient api, string path, object? body)
    {
        var reply = await api.Post(path, body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {path}: {reply}");
    }
}
