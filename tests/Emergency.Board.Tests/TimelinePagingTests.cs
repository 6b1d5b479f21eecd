using System.Text.Json.Nodes;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>A long timeline in the incident's detail: its newest entries first, the earlier ones loaded on demand.</summary>
[Collection(BoardCollection.Name)]
public sealed class TimelinePagingTests(BoardFixture fixture)
{
    [Fact]
    public async Task The_detail_shows_the_newest_entries_and_loads_the_earlier_ones_until_the_whole_timeline_is_shown()
    {
        var id = await fixture.Commander.Register("Phenol in the Yuan river", BoardFixture.NewRegion("Huaihua"), fixture.Now.AddMinutes(-20), Facts.LevelIV());
        using var http = fixture.Engine.Client(Tokens.Commander);
        JsonNode last = null!;
        for (var i = 1; i <= 60; i++)
        {
            last = await EngineApi.Post(http, $"/api/incidents/{id}/facts", new JsonObject { ["facts"] = new JsonObject { ["evacuated"] = i } });
        }

        var total = last["timelineCount"]!.GetValue<int>();
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        await board.OpenDetail(id);

        var entries = board.Detail.GetByTestId("timeline-entry");
        await Expect(entries).ToHaveCountAsync(50);
        await Expect(board.Detail.GetByTestId("timeline-count")).ToContainTextAsync($"共 {total} 条");
        await Expect(board.Detail.Locator("[data-testid='timeline-entry'][data-kind='registered']")).ToHaveCountAsync(0);

        // Each click loads the page before the oldest entry shown, until the first one is there and the control goes.
        while (await board.Detail.GetByTestId("timeline-more").CountAsync() > 0)
        {
            var shown = await entries.CountAsync();
            await board.Detail.GetByTestId("timeline-more").ClickAsync();
            await Expect(entries).Not.ToHaveCountAsync(shown);
        }

        await Expect(entries).ToHaveCountAsync(total);
        await Expect(board.Detail.Locator("[data-testid='timeline-entry'][data-kind='registered']")).ToHaveCountAsync(1);
        await Expect(board.Detail.GetByTestId("timeline-count")).ToHaveCountAsync(0);
    }
}
