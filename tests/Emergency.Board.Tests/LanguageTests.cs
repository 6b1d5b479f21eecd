using System.Globalization;
using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// The board in one language at a time (Chinese unless English is chosen, remembered in the browser), and every moment
/// in the deployment's zone (Asia/Shanghai here) with the zone named, whatever the browser's own zone.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class LanguageTests(BoardFixture fixture)
{
    [Fact]
    public async Task Switching_to_English_asks_the_engine_in_English_and_keeps_the_choice_across_a_reload()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var zone = board.Page.GetByTestId("zone");
        await Expect(board.Page.Locator("#lane-incidents")).ToContainTextAsync("突发环境事件");
        await Expect(board.Status).ToHaveTextAsync("实时");
        await Expect(zone).ToHaveTextAsync("北京时间 (Asia/Shanghai)");

        var snapshot = board.Page.WaitForRequestAsync(new Regex(@"/api/board\?scope=live$"));
        var hub = board.Page.WaitForRequestAsync(new Regex(@"/hubs/board/negotiate\?ui-culture=en"));
        await board.Page.GetByTestId("language").ClickAsync();
        Assert.Equal("en", await (await snapshot).HeaderValueAsync("accept-language"));
        await hub;
        await board.ExpectLive();
        await Expect(board.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(board.Page.Locator("#lane-incidents")).ToContainTextAsync("Incidents");
        await Expect(board.Status).ToHaveTextAsync("Live");
        await Expect(board.Page.GetByTestId("language")).ToHaveTextAsync("中文");

        // The zone's name is the engine's word for it (Common.en.resx), asked for in English.
        await Expect(zone).ToHaveTextAsync("Beijing time (Asia/Shanghai)");

        // A change pushed after the switch reaches the board on its English connection; its terms show in English only.
        var id = await fixture.Commander.Register("Cyanide leak at a plating works", BoardFixture.NewRegion("Jiaozuo"), fixture.Now, Facts.LevelII());
        var card = board.Incident(id);
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("Major", new() { UseInnerText = true });
        await Expect(card).Not.ToContainTextAsync("重大", new() { UseInnerText = true });
        await board.Screenshot("board-english");

        await board.Page.ReloadAsync();
        await board.ExpectLive();
        await Expect(board.Page.Locator("#lane-incidents")).ToContainTextAsync("Incidents");
        await Expect(zone).ToHaveTextAsync("Beijing time (Asia/Shanghai)");
        await Expect(card).ToBeVisibleAsync();

        await board.Page.GetByTestId("language").ClickAsync();
        await board.ExpectLive();
        await Expect(board.Page.Locator("#lane-incidents")).ToContainTextAsync("突发环境事件");
        await Expect(zone).ToHaveTextAsync("北京时间 (Asia/Shanghai)");
    }

    [Fact]
    public async Task A_browser_in_New_York_shows_the_deployments_times_with_the_zone_named()
    {
        await using var board = await fixture.OpenBoard(timeZone: "America/New_York");
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        await Expect(board.Page.GetByTestId("zone")).ToHaveTextAsync("北京时间 (Asia/Shanghai)");

        var discovered = fixture.Now;
        var id = await fixture.Commander.Register("Ammonia release at a fertiliser plant", BoardFixture.NewRegion("Xinxiang"), discovered, Facts.LevelIV());
        var shanghai = discovered.ToOffset(TimeSpan.FromHours(8));
        await Expect(board.Incident(id).Locator("p.discovered time")).ToHaveTextAsync(shanghai.ToString("HH:mm:ss", CultureInfo.InvariantCulture));

        // The top bar's clock is the engine's, in Beijing time: the date and hour of the engine's now there.
        var day = shanghai.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        await Expect(board.Page.GetByTestId("server-clock")).ToHaveTextAsync(new Regex($"^{Regex.Escape(day)} \\d\\d:\\d\\d:\\d\\d$"));
        await board.Screenshot("board-new-york-browser");
    }
}
