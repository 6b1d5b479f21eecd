using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// A board that has lost the engine's feed cannot be taken for a live one: a banner that stays on screen however far
/// the page is scrolled, the page dimmed, and every countdown replaced by the moment its data dates from.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed partial class NotLiveTests(BoardFixture fixture)
{
    [Fact]
    public async Task A_board_without_its_feed_shows_a_banner_that_does_not_scroll_away_dims_and_stops_every_countdown()
    {
        // Narrow enough for the lanes to stack, so that the page scrolls well past its top bar.
        await using var board = await fixture.OpenBoard(new ViewportSize { Width = 900, Height = 700 });
        var connection = new CuttableConnection();
        await connection.Install(board.Page);
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var id = await fixture.Commander.Register("Phenol in the Qin river", BoardFixture.NewRegion("Jiyuan"), fixture.Now, Facts.LevelIV());
        var clock = board.Obligation(id, "reachScene").GetByTestId("obligation-clock");
        await Expect(clock).ToHaveTextAsync(Countdown());
        var banner = board.Page.GetByTestId("not-live");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(board.Page.Locator("body")).ToHaveAttributeAsync("data-live", "yes");

        await connection.Cut();
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync(new Regex(@"^非实时 · 与引擎的连接已中断，数据截至 \d\d:\d\d:\d\d"));
        await Expect(board.Page.Locator("body")).ToHaveAttributeAsync("data-live", "no");
        await Expect(clock).ToHaveTextAsync(AsOf());
        Assert.True(await board.Page.Locator("main.board").EvaluateAsync<double>("e => Number(getComputedStyle(e).opacity)") < 1, "the board should be dimmed");

        // Scrolled to the bottom, the top bar is gone; the banner is not.
        await board.Page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await Expect(board.Page.Locator("header.topbar")).Not.ToBeInViewportAsync();
        await Expect(banner).ToBeInViewportAsync();
        await board.Screenshot("not-live-scrolled", fullPage: false);

        // The detail of an incident says so too, and counts nothing down.
        await board.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await board.OpenDetail(id);
        await Expect(board.Detail).ToHaveAttributeAsync("data-not-live", new Regex("^非实时"));
        await Expect(board.DetailObligation("reachScene").Locator(".clock")).ToHaveTextAsync(AsOf());
        await board.CloseDetail();

        connection.Restore();
        await board.ExpectLive();
        await Expect(banner).ToBeHiddenAsync();
        await Expect(board.Page.Locator("body")).ToHaveAttributeAsync("data-live", "yes");
        await Expect(clock).ToHaveTextAsync(Countdown());
    }

    /// <summary>Level IV: on scene within 2 h; a few seconds less as the browser's clock runs on.</summary>
    [GeneratedRegex(@"^(2:00|1:5\d):\d\d$")]
    private static partial Regex Countdown();

    [GeneratedRegex(@"^截至 \d\d:\d\d$")]
    private static partial Regex AsOf();
}
