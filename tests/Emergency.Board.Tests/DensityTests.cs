using Emergency.Board.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>A busy duty room's screen and a commander's phone: a dozen incidents on one screen, and on a phone the first incident and its next action without scrolling.</summary>
[Collection(BoardCollection.Name)]
public sealed class DensityTests(BoardFixture fixture)
{
    [Fact]
    public async Task The_compact_view_shows_twelve_incidents_on_a_1600_by_1000_screen_and_is_remembered()
    {
        var region = BoardFixture.NewRegion("Yueyang");
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await fixture.Commander.Register($"Spill {i + 1} on the Dongting lake shore", region, fixture.Now.AddMinutes(-5 * i), i % 3 == 0 ? Facts.LevelII() : Facts.LevelIV()));
        }

        await using var board = await fixture.OpenBoard(new ViewportSize { Width = 1600, Height = 1000 });
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        await board.Page.GetByTestId("filter-region").SelectOptionAsync(region);
        await Expect(board.Page.Locator("article.incident")).ToHaveCountAsync(12);

        await board.Page.GetByTestId("compact").CheckAsync();
        foreach (var id in ids)
        {
            await Expect(board.Incident(id)).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        // Each card leads with its next action: the open step due first.
        Assert.True(await NextActionLeads(board.Incident(ids[0])), "the next action should be the card's first step shown");
        await board.Screenshot("board-compact-1600", fullPage: false);

        await board.Page.ReloadAsync();
        await board.ExpectLive();
        await Expect(board.Page.GetByTestId("compact")).ToBeCheckedAsync();
        await Expect(board.Page.Locator("body")).ToHaveAttributeAsync("data-density", "compact");
    }

    [Fact]
    public async Task On_a_phone_the_first_incident_and_its_next_action_are_on_the_first_screen()
    {
        await fixture.Commander.Register("Ammonia in the Xiangjiang intake", BoardFixture.NewRegion("Xiangtan"), fixture.Now.AddMinutes(-30), Facts.LevelII());

        await using var board = await fixture.OpenBoard(new ViewportSize { Width = 390, Height = 844 });
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var first = board.Page.Locator("#incidents > article.incident").First;
        await Expect(first).ToBeVisibleAsync();
        await Expect(first.Locator("li.obligation.next")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(first.Locator("header.incident-head")).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.True(await NextActionLeads(first), "the next action should be the card's first step shown");
        await board.Screenshot("board-phone", fullPage: false);
    }

    /// <summary>Whether the card's next action is drawn above every other step it shows (the page orders it first by style).</summary>
    private static Task<bool> NextActionLeads(ILocator card) => card.EvaluateAsync<bool>("""
        card => {
            const shown = [...card.querySelectorAll('li.obligation')].filter(li => getComputedStyle(li).display !== 'none');
            const next = card.querySelector('li.obligation.next');
            return next !== null && shown.every(li => li === next || li.getBoundingClientRect().top > next.getBoundingClientRect().top);
        }
        """);
}
