using System.Globalization;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>更新事实 from the board: the facts changed in the detail, the grade and the deadlines they give seen before confirming.</summary>
[Collection(BoardCollection.Name)]
public sealed class FactsUpdateTests(BoardFixture fixture)
{
    [Fact]
    public async Task A_commander_updates_the_facts_after_seeing_the_new_grade_and_the_deadlines_that_move()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var discovered = fixture.Now.AddMinutes(-30);
        var id = await fixture.Commander.Register("Cyanide in the Qingshui river", BoardFixture.NewRegion("Kaili"), discovered, Facts.LevelIV());
        await board.OpenDetail(id);

        await board.Detail.Locator("[data-action='update-facts']").ClickAsync();
        var form = board.Detail.GetByTestId("facts-form");
        await Expect(form.Locator("input[name='deaths']")).ToHaveValueAsync("0");
        await form.Locator("select[name='crossBoundary']").SelectOptionAsync("crossProvince");
        await Expect(form.Locator("[data-action='confirm-facts']")).ToBeDisabledAsync();
        await form.Locator("[data-action='preview-facts']").ClickAsync();

        // Level IV → II: on scene within 1 h of discovery instead of 2 h. Nothing is stored by the preview.
        var preview = form.GetByTestId("facts-preview");
        await Expect(preview.GetByTestId("facts-level")).ToHaveTextAsync("II");
        var scene = preview.Locator("tr[data-testid='facts-deadline'][data-obligation='reachScene']");
        await Expect(scene.Locator(".from")).ToHaveTextAsync(Time(discovered.AddHours(2)));
        await Expect(scene.Locator(".to")).ToHaveTextAsync(Time(discovered.AddHours(1)));
        await board.Screenshot("facts-preview", fullPage: false);
        Assert.Equal("IV", (await fixture.Commander.Incident(id))["grade"]!["level"]!.GetValue<string>());

        // A fact changed after the preview: confirming waits for a new preview.
        await form.Locator("input[name='evacuated']").FillAsync("200");
        await Expect(form.Locator("[data-action='confirm-facts']")).ToBeDisabledAsync();
        await form.Locator("[data-action='preview-facts']").ClickAsync();
        await Expect(preview.GetByTestId("facts-level")).ToHaveTextAsync("II");
        await form.Locator("input[name='note']").FillAsync("the plume crossed into Hunan");
        await form.Locator("[data-action='confirm-facts']").ClickAsync();

        await Expect(board.Detail.Locator(".detail-facts").GetByTestId("detail-done")).ToBeVisibleAsync();
        await Expect(board.Detail.Locator("[data-action='update-facts']")).ToBeVisibleAsync();
        await Expect(board.Detail.Locator("header .level-badge")).ToHaveTextAsync("II");
        var incident = await fixture.Commander.Incident(id);
        Assert.Equal("II", incident["grade"]!["level"]!.GetValue<string>());
        Assert.Equal(200, incident["facts"]!["evacuated"]!.GetValue<int>());
        var update = incident["timeline"]!.AsArray().Last(e => e!["kind"]!.GetValue<string>() == "factsUpdated")!;
        Assert.Contains("the plume crossed into Hunan", update["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await Expect(board.Incident(id).GetByTestId("level")).ToHaveTextAsync("II");
    }

    /// <summary>How the board shows a moment of today: its time of day in Beijing.</summary>
    private static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
