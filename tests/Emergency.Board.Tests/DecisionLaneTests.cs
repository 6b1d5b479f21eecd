using System.Net;
using System.Text.Json.Nodes;
using Emergency.Board.Tests.Infrastructure;
using static Emergency.Board.Tests.Infrastructure.EngineApi;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>The decisions lane in headless Chromium: each matter's stage and what blocks it, and restrictions set and lifted, live.</summary>
[Collection(BoardCollection.Name)]
public sealed class DecisionLaneTests(BoardFixture fixture)
{
    [Fact]
    public async Task A_matter_shows_its_stage_and_blockers_and_a_restriction_blocks_and_frees_it_live()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Observer);
        await board.ExpectLive();

        using var maker = fixture.Engine.Client("decision-dev-token");
        using var assessor = fixture.Engine.Client("assessor-dev-token");
        var region = BoardFixture.NewRegion("Handan");
        var id = (await Post(maker, "/api/decisions", new JsonObject
        {
            ["title"] = "Waste incinerator at Dongshan",
            ["region"] = region,
            ["kind"] = "investmentProject",
            ["proposal"] = "A 1,500 t/day waste-to-energy plant 800 m from the Dongshan villages.",
        }, HttpStatusCode.Created)).Str("id");

        var card = board.Page.Locator($"[data-testid='decision'][data-id='{id}']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("decision-stage")).ToHaveTextAsync("草案 Draft");

        await Post(maker, $"/api/decisions/{id}/submit", new JsonObject());
        await Post(assessor, $"/api/decisions/{id}/planAssessment", new JsonObject
        {
            ["assessedBy"] = "stability group", ["plan"] = "Hear the villages.", ["methods"] = new JsonArray("publicComment", "visit"),
        });
        await Post(assessor, $"/api/decisions/{id}/openPublicComment", new JsonObject { ["channel"] = "the bureau's website" });
        await Expect(card).ToHaveAttributeAsync("data-stage", "hearingViews");
        await Expect(card.Locator("[data-kind='commentPeriod']")).ToContainTextAsync("公开征求意见至");

        var set = await Post(maker, "/api/enforcement/restrictions", new JsonObject { ["region"] = region, ["reason"] = "Air quality targets missed." }, HttpStatusCode.Created);
        await Expect(card.Locator("[data-kind='regionalRestriction']")).ToContainTextAsync(region);
        await Expect(board.Page.Locator($"[data-testid='restriction'][data-region='{region}']")).ToContainTextAsync("Air quality targets missed.");
        await board.Screenshot("board-decisions-restricted");

        await Post(maker, $"/api/enforcement/restrictions/{set.Str("id")}/lift", new JsonObject { ["reason"] = "Targets met." });
        await Expect(card.Locator("[data-kind='regionalRestriction']")).ToHaveCountAsync(0);
        await Expect(board.Page.Locator($"[data-testid='restriction'][data-region='{region}']")).ToHaveCountAsync(0);
        await Expect(card.Locator("[data-kind='commentPeriod']")).ToBeVisibleAsync();

        // A reload shows the same from the snapshot.
        await board.Page.ReloadAsync();
        await board.ExpectLive();
        await Expect(card).ToHaveAttributeAsync("data-stage", "hearingViews");
        await Expect(card.Locator("[data-kind='commentPeriod']")).ToBeVisibleAsync();
    }
}

internal static class Json
{
    public static string Str(this JsonNode node, string property) => node[property]!.GetValue<string>();
}
