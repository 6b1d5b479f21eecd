using System.Globalization;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// A duty commander's moves from the board itself: registering an incident (接报) after seeing the grade and the
/// deadlines it would get, and completing a step at the moment it really happened, never later than now.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class RegisterTests(BoardFixture fixture)
{
    [Fact]
    public async Task A_commander_registers_an_incident_from_the_board_after_previewing_its_grade_and_deadlines()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var region = BoardFixture.NewRegion("Zhuzhou");

        await board.Page.GetByTestId("register-open").ClickAsync();
        var form = board.Page.GetByTestId("register-form");
        await form.GetByLabel("事件名称").FillAsync("Cadmium in the Xiang river");
        await form.GetByLabel("地区", new() { Exact = true }).FillAsync(region);
        await form.Locator("select[name='crossBoundary']").SelectOptionAsync("crossProvince");
        await form.Locator("[data-action='preview-registration']").ClickAsync();

        // Crossing a province boundary: level II, on scene within 1 h of discovery (now).
        var preview = board.Page.GetByTestId("register-preview");
        await Expect(preview.GetByTestId("preview-level")).ToHaveTextAsync("II");
        var hour = fixture.Now.AddHours(1).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        await Expect(preview.Locator("tr[data-obligation='reachScene'] .due")).ToHaveTextAsync(hour);
        await Expect(form.Locator("[data-action='confirm-registration']")).ToBeEnabledAsync();
        await board.Screenshot("register-preview", fullPage: false);
        Assert.Empty(await fixture.Commander.InRegion(region));

        // A fact changed after the preview: no confirming what was not seen.
        await form.Locator("select[name='crossBoundary']").SelectOptionAsync("none");
        await Expect(form.Locator("[data-action='confirm-registration']")).ToBeDisabledAsync();
        await form.Locator("[data-action='preview-registration']").ClickAsync();
        await Expect(preview.GetByTestId("preview-level")).ToHaveTextAsync("IV");
        await form.Locator("[data-action='confirm-registration']").ClickAsync();

        // Registered: its detail opens, its card is on the board, and the engine holds it once.
        await Expect(board.Detail.GetByTestId("detail-title")).ToHaveTextAsync("Cadmium in the Xiang river");
        var listed = await fixture.Commander.InRegion(region);
        var id = Assert.Single(listed)!["id"]!.GetValue<string>();
        Assert.Equal("IV", listed[0]!["level"]!.GetValue<string>());
        await board.CloseDetail();
        await Expect(board.Incident(id).GetByTestId("level")).ToHaveTextAsync("IV");
    }

    [Fact]
    public async Task A_step_is_completed_at_the_moment_it_happened_and_never_later_than_now()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var discovered = fixture.Now.AddMinutes(-90);
        var id = await fixture.Commander.Register("Oil on the Liuyang river", BoardFixture.NewRegion("Liuyang"), discovered, Facts.LevelIV());
        await board.OpenDetail(id);

        // A moment later than now is refused beside the step, before anything is sent.
        await board.Detail.Locator("[data-action='complete'][data-obligation='reachScene']").ClickAsync();
        var at = board.Detail.GetByTestId("complete-at");
        await at.FillAsync(Minute(fixture.Now.AddHours(2)));
        await board.Detail.Locator("[data-action='confirm-complete'][data-obligation='reachScene']").ClickAsync();
        await Expect(board.DetailObligation("reachScene").GetByTestId("detail-error")).ToHaveTextAsync("完成时间不能晚于现在");
        await Expect(board.DetailObligation("reachScene")).ToHaveAttributeAsync("data-status", "pending");

        // Done 40 min after discovery, recorded now: on time, at that moment.
        var done = discovered.AddMinutes(40);
        await at.FillAsync(Minute(done));
        await board.Detail.Locator("[data-action='confirm-complete'][data-obligation='reachScene']").ClickAsync();
        await Expect(board.DetailObligation("reachScene")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(board.DetailObligation("reachScene").GetByTestId("detail-done")).ToBeVisibleAsync();
        await board.Screenshot("complete-at", fullPage: false);

        var reach = (await fixture.Commander.Incident(id))["obligations"]!.AsArray().Single(o => o!["id"]!.GetValue<string>() == "reachScene")!;
        var completedAt = DateTimeOffset.Parse(reach["completedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(done.Year, done.Month, done.Day, done.Hour, done.Minute, 0, done.Offset), completedAt);
    }

    /// <summary>A datetime-local value: the minute, in Beijing time (the deployment's zone).</summary>
    private static string Minute(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
