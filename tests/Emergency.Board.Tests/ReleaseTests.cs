using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>信息发布 from the board: a release drafted, approved, published, then corrected and withdrawn, each from the detail.</summary>
[Collection(BoardCollection.Name)]
public sealed class ReleaseTests(BoardFixture fixture)
{
    [Fact]
    public async Task A_commander_drafts_approves_publishes_corrects_and_withdraws_a_release_from_the_board()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var id = await fixture.Commander.Register("Cadmium at the Liuzhou intake", BoardFixture.NewRegion("Liuzhou"), fixture.Now.AddMinutes(-20), Facts.LevelIV());
        await board.OpenDetail(id);
        var releases = board.Detail.GetByTestId("releases");

        await releases.Locator("[data-action='draftRelease']").ClickAsync();
        var draft = releases.GetByTestId("release-form");
        await draft.Locator("select[name='audience']").SelectOptionAsync("public");
        await draft.Locator("input[name='headline']").FillAsync("柳江镉浓度超标情况通报");
        await draft.Locator("textarea[name='text']").FillAsync("出水镉浓度78 μg/L，请沿江居民暂停取用江水。");
        await draft.Locator("[data-action='confirm-draftRelease']").ClickAsync();
        var first = releases.Locator("li[data-release='1']");
        await Expect(first).ToHaveAttributeAsync("data-status", "draft");

        await first.Locator("[data-action='approveRelease']").ClickAsync();
        await first.Locator("input[name='approvedBy-1']").FillAsync("王副局长");
        await first.Locator("[data-action='confirm-approveRelease']").ClickAsync();
        await Expect(first).ToHaveAttributeAsync("data-status", "approved");
        await first.Locator("[data-action='publish-release']").ClickAsync();
        await Expect(first).ToHaveAttributeAsync("data-status", "published");
        await Expect(board.DetailObligation("releaseInformation")).ToHaveAttributeAsync("data-status", "completed");
        await board.Screenshot("release-published", fullPage: false);

        // A correction supersedes it once published; a withdrawal of the correction is drafted after it.
        await first.Locator("[data-action='correctRelease']").ClickAsync();
        var correction = first.GetByTestId("release-form");
        await correction.Locator("input[name='headline']").FillAsync("更正：柳江镉浓度");
        await correction.Locator("textarea[name='text']").FillAsync("出水镉浓度为7.8 μg/L。");
        await correction.Locator("textarea[name='reason']").FillAsync("数值单位有误");
        await correction.Locator("[data-action='confirm-correctRelease']").ClickAsync();
        var second = releases.Locator("li[data-release='2']");
        await Expect(second).ToHaveAttributeAsync("data-kind", "correction");
        await second.Locator("[data-action='approveRelease']").ClickAsync();
        await second.Locator("input[name='approvedBy-2']").FillAsync("王副局长");
        await second.Locator("[data-action='confirm-approveRelease']").ClickAsync();
        await second.Locator("[data-action='publish-release']").ClickAsync();
        await Expect(second).ToHaveAttributeAsync("data-status", "published");
        await Expect(first).ToHaveAttributeAsync("data-status", "superseded");

        await second.Locator("[data-action='withdrawRelease']").ClickAsync();
        await second.GetByTestId("release-form").Locator("textarea[name='reason']").FillAsync("事件已处置完毕");
        await second.Locator("[data-action='confirm-withdrawRelease']").ClickAsync();
        await Expect(releases.Locator("li[data-release='3']")).ToHaveAttributeAsync("data-kind", "withdrawal");
        await board.Screenshot("release-corrected-withdrawn", fullPage: false);

        var stored = (await fixture.Commander.Incident(id))["releases"]!.AsArray();
        Assert.Equal(["superseded", "published", "draft"], stored.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal("王副局长", stored[0]!["approvedBy"]!.GetValue<string>());
    }
}
