using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Emergency.Board.Tests.Infrastructure;
using Emergency.Testing;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// The public information page (/public/) in Chromium, without signing in, with a drill and personal data in the
/// engine: the live release and incident are there, in Chinese and then in English; the drill and the names are not.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class PublicPageTests(BoardFixture fixture)
{
    /// <summary>What the engine holds of people, which the page must never show.</summary>
    private static readonly string[] Personal = ["王副局长", "Wang Min", "0355-2021234", "duty.zhang", "Li Hua", "12 River Road", "LIVE-TITLE"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_reads_the_public_page_in_chinese_and_english_and_sees_neither_a_drill_nor_personal_data()
    {
        using var commander = fixture.Engine.Client(Tokens.Commander);
        var region = BoardFixture.NewRegion("长治");
        var live = await fixture.Commander.Register("张三化工厂苯胺泄漏 LIVE-TITLE", region, fixture.Now.AddMinutes(-30), Facts.LevelII());
        await fixture.Commander.Report(live, "initial");
        var headline = $"浊漳河苯胺泄漏通报 {region}";
        await EngineApi.Post(commander, $"/api/incidents/{live}/draftRelease", new JsonObject
        {
            ["audience"] = "public", ["headline"] = headline, ["text"] = "部分苯胺进入浊漳河，下游已接到通报。",
            ["headlineEn"] = $"Aniline in the Zhuozhang {region}", ["textEn"] = "Some aniline reached the river; downstream users were told.",
        });
        await EngineApi.Post(commander, $"/api/incidents/{live}/approveRelease", new JsonObject { ["release"] = 1, ["approvedBy"] = "王副局长" });
        await EngineApi.Post(commander, $"/api/incidents/{live}/publishRelease", new JsonObject { ["release"] = 1 });
        using (var officer = fixture.Engine.Client(Tokens.PetitionOfficer))
        {
            using var complaint = await officer.PostAsJsonAsync("/api/disputes", new JsonObject
            {
                ["channel"] = "hotline12369", ["receivedBy"] = "department", ["receivedAt"] = fixture.Now.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["unit"] = "Changzhi EPB petition office",
                ["complainant"] = new JsonObject { ["name"] = "Li Hua", ["contact"] = null, ["idNumber"] = null },
                ["subject"] = new JsonObject { ["enterprise"] = $"Works {region}", ["place"] = null, ["region"] = region },
                ["content"] = "A sharp smell every night; I live at 12 River Road.",
            }, Ct);
            Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);
        }

        using var organiser = fixture.Engine.Client(Tokens.Organiser);
        var run = await StartDrill(organiser);
        try
        {
            await using var board = await fixture.OpenBoard();
            var page = board.Page;
            await page.GotoAsync("/public/");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");

            // Chinese first.
            await Expect(page.Locator("h1")).ToHaveTextAsync("环境信息公开");
            var release = page.GetByTestId("release").Filter(new() { HasText = headline });
            await Expect(release).ToHaveCountAsync(1);
            await Expect(release).ToContainTextAsync("社会公众");
            await Expect(release.Locator(".level")).ToHaveTextAsync("Ⅱ级（重大）");
            var count = page.GetByTestId("incident-count").Filter(new() { HasText = region });
            await Expect(count).ToContainTextAsync("Ⅱ级（重大）");
            AssertNothingHidden(await page.Locator("body").InnerTextAsync(), await page.ContentAsync());
            await board.Screenshot("public-page");

            // English at the switch, the release in its English words.
            await page.GetByTestId("language").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Public environmental information");
            var english = page.GetByTestId("release").Filter(new() { HasText = $"Aniline in the Zhuozhang {region}" });
            await Expect(english).ToContainTextAsync("the public");
            AssertNothingHidden(await page.Locator("body").InnerTextAsync(), await page.ContentAsync());
        }
        finally
        {
            using var purged = await organiser.DeleteAsync($"/api/drills/{run}", Ct);
        }
    }

    private static void AssertNothingHidden(string text, string html)
    {
        foreach (var shown in new[] { text, html })
        {
            Assert.DoesNotContain("DRILLMARK", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("演练苯泄漏", shown, StringComparison.Ordinal);
            foreach (var personal in Personal)
            {
                Assert.DoesNotContain(personal, shown, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Runs the drill fast, and waits until its incident's release is published: it is there to be hidden.</summary>
    private async Task<string> StartDrill(HttpClient organiser)
    {
        using var content = new StringContent(PublicDrill.Scenario, Encoding.UTF8, "application/yaml");
        using var response = await organiser.PostAsync("/api/drills?mode=fast&file=public-drill.yaml", content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        var run = (string)JsonNode.Parse(text)!["run"]!;
        using var commander = fixture.Engine.Client(Tokens.Commander);
        await Eventually.Until(
            async () =>
            {
                var list = JsonNode.Parse(await commander.GetStringAsync($"/api/incidents?scope=drill-{run}", Ct))!.AsArray();
                return list.Count == 0 ? null : JsonNode.Parse(await commander.GetStringAsync($"/api/incidents/{list[0]!["id"]}", Ct));
            },
            incident => incident?["releases"]?.AsArray().Any(r => (string?)r!["status"] == "published") == true,
            "the drill's release published");
        return run;
    }
}
