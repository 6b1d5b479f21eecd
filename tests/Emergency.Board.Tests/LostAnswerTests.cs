using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// No duplicate by accident: a form's fill carries one Idempotency-Key until it succeeds, so sending it again after
/// the answer was lost on the way back files nothing twice; the result shows beside the form.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class LostAnswerTests(BoardFixture fixture)
{
    [Fact]
    public async Task A_report_sent_again_after_its_answer_was_lost_is_filed_once()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var id = await fixture.Commander.Register("Chromium slag by the Nanpan river", BoardFixture.NewRegion("Qujing"), fixture.Now, Facts.LevelIV());
        await fixture.Commander.Report(id, "initial");

        // The engine handles the first request; its answer never reaches the page.
        var keys = new List<string>();
        var dropped = 0;
        await board.Page.RouteAsync($"**/api/incidents/{id}/reports", async route =>
        {
            lock (keys)
            {
                keys.Add(route.Request.Headers["idempotency-key"]);
            }

            if (Interlocked.Increment(ref dropped) == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });

        await board.OpenDetail(id);
        var form = board.Detail.Locator("form.report-form");
        await form.Locator("select[name='kind']").SelectOptionAsync("followUp");
        await form.GetByLabel("签发人 Signed off by").FillAsync("Wang Min, deputy director");
        await form.GetByLabel("联系方式 Contact").FillAsync("0874-3121234");
        await form.GetByLabel("内容 Content").FillAsync("The slag heap is covered; the river is clear downstream.");
        await form.Locator("[data-action='submit-report']").ClickAsync();

        // The failure shows in the form, which keeps what was typed.
        await Expect(form.GetByTestId("detail-error")).ToContainTextAsync("无法连接引擎");
        await Expect(form.GetByLabel("内容 Content")).ToHaveValueAsync("The slag heap is covered; the river is clear downstream.");
        await board.Screenshot("report-answer-lost", fullPage: false);

        await form.Locator("[data-action='submit-report']").ClickAsync();
        await Expect(form.GetByTestId("detail-done")).ToBeVisibleAsync();
        await Expect(form.GetByLabel("内容 Content")).ToHaveValueAsync("");
        await Expect(board.Detail.Locator("li[data-testid='report'][data-kind='followUp']")).ToHaveCountAsync(1);

        var reports = (await fixture.Commander.Incident(id))["reports"]!.AsArray();
        Assert.Single(reports, r => r!["kind"]!.GetValue<string>() == "followUp");
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);

        // The next fill is another report, with a key of its own.
        await form.GetByLabel("签发人 Signed off by").FillAsync("Wang Min, deputy director");
        await form.GetByLabel("联系方式 Contact").FillAsync("0874-3121234");
        await form.GetByLabel("内容 Content").FillAsync("Monitoring every 2 h; no exceedance since 14:00.");
        await form.Locator("[data-action='submit-report']").ClickAsync();
        await Expect(board.Detail.Locator("li[data-testid='report'][data-kind='followUp']")).ToHaveCountAsync(2);
        Assert.Equal(3, keys.Count);
        Assert.NotEqual(keys[1], keys[2]);
    }
}
