using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// Coordination on the board: the chain of report hops on an incident with a hop recorded from its detail, and the
/// downstream lane with the arrivals counting down and the warnings sent and acknowledged from the board, and the
/// warnings to neighbouring areas of an incident crossing a boundary off a river.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed partial class CoordinationTests(BoardFixture fixture)
{
    private const string ToProvince = "reportUp-140406-140000";

    private const string Liuzhou = "warnDownstream-liuzhou-hexi";

    /// <summary>The Longjiang velocities of the shipped data hold in January and February: the spill began on 28 February.</summary>
    private static readonly DateTimeOffset SpillAt = new(2026, 2, 28, 20, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_commander_records_a_hop_of_the_reporting_chain_from_the_incidents_detail()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();

        // A level II spill in 潞城区 (140406): hops to its government, the Shanxi bureau and the ministry.
        var id = await fixture.Commander.Register("Aniline in the Zhuozhang", "140406", fixture.Now.AddMinutes(-50), Facts.LevelII());
        await board.OpenDetail(id);
        var chain = board.Detail.GetByTestId("chain");
        var hop = chain.Locator($"tr[data-hop='{ToProvince}']");
        await Expect(hop).ToHaveAttributeAsync("data-hop-status", "pending");
        await Expect(hop.Locator(".clock")).ToHaveTextAsync(HourCountdown());

        await hop.Locator("[data-action='record-hop']").ClickAsync();
        await hop.Locator($"input[name='sentAt-{ToProvince}']").FillAsync(Minute(fixture.Now.AddMinutes(-20)));
        await hop.Locator($"input[name='receivedAt-{ToProvince}']").FillAsync(Minute(fixture.Now.AddMinutes(-15)));
        await hop.Locator($"input[name='sentBy-{ToProvince}']").FillAsync("Duty officer Li");
        await hop.Locator($"input[name='receivedBy-{ToProvince}']").FillAsync("Duty officer Zhao");
        await hop.Locator("[data-action='confirm-hop']").ClickAsync();

        await Expect(hop).ToHaveAttributeAsync("data-hop-status", "received");
        await Expect(hop.GetByTestId("detail-done")).ToBeVisibleAsync();
        await Expect(hop).ToContainTextAsync("电话报告后尚需书面报告");
        await board.Screenshot("chain-hop-recorded", fullPage: false);
        var recorded = (await fixture.Commander.Incident(id))["chain"]!.AsArray().Single(h => h!["id"]!.GetValue<string>() == ToProvince)!;
        Assert.Equal(("received", "phone", "Duty officer Li"), (recorded["status"]!.GetValue<string>(), recorded["medium"]!.GetValue<string>(), recorded["sentBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_downstream_lane_counts_down_to_each_point_and_a_warning_is_sent_and_acknowledged_from_the_board()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var region = BoardFixture.NewRegion("Hechi");
        var id = await fixture.Commander.Register("Cadmium in the Longjiang", region, fixture.Now.AddMinutes(-30), Facts.LevelII());
        using var http = fixture.Engine.Client(Tokens.Commander);
        await EngineApi.Post(http, $"/api/incidents/{id}/recordSpill", new JsonObject
        {
            ["reach"] = "longjiang-hechi",
            ["positionKm"] = 0,
            ["at"] = SpillAt.ToString("O", CultureInfo.InvariantCulture),
            ["pollutant"] = "cadmium",
            ["massKg"] = 20_000,
        });

        await board.Page.GetByTestId("filter-region").SelectOptionAsync(region);
        var lane = board.Page.GetByTestId("downstream-lane");
        await Expect(lane).ToBeVisibleAsync();
        var intake = lane.Locator($"li[data-obligation='{Liuzhou}']");
        await Expect(intake).ToHaveAttributeAsync("data-warning", "pending");
        await Expect(intake.GetByTestId("arrival")).ToHaveTextAsync(new Regex(@"^到达倒计时 \d+ d \d\d:\d\d:\d\d$"));

        await intake.Locator("[data-action='send-warning']").ClickAsync();
        await intake.Locator($"input[name='to-{Liuzhou}']").FillAsync("Liuzhou water duty office");
        await intake.Locator("[data-action='confirm-send-warning']").ClickAsync();
        await Expect(intake).ToHaveAttributeAsync("data-warning", "sent");
        await Expect(intake.GetByTestId("lane-result")).ToBeVisibleAsync();
        await board.Screenshot("downstream-lane");

        // The party warned confirms, recorded in the incident's detail.
        await intake.Locator(".downstream-name").ClickAsync();
        await Expect(board.Detail.GetByTestId("timeline")).ToBeVisibleAsync();
        var point = board.Detail.GetByTestId("downstream").Locator($"li[data-obligation='{Liuzhou}']");
        await point.Locator("[data-action='acknowledge-warning']").ClickAsync();
        await point.Locator($"input[name='by-{Liuzhou}']").FillAsync("Ms Zhou");
        await point.Locator("[data-action='confirm-acknowledge-warning']").ClickAsync();
        await Expect(point).ToHaveAttributeAsync("data-warning", "acknowledged");
        await Expect(point.GetByTestId("warning-state")).ToContainTextAsync("Ms Zhou");
        await board.Screenshot("downstream-detail", fullPage: false);

        var line = (await fixture.Commander.Incident(id))["downstream"]!["points"]!.AsArray().Single(p => p!["obligation"]?.GetValue<string>() == Liuzhou)!;
        Assert.Equal(("acknowledged", "Liuzhou water duty office", "Ms Zhou"), (line["warning"]!.GetValue<string>(), line["warnedTo"]!.GetValue<string>(), line["acknowledgedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_crossing_off_a_river_lists_each_neighbouring_area_to_warn_in_the_lane_and_the_detail_where_it_is_sent()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();

        // A level II spill in 潞城区 crossing into Hebei: the cities beyond Changzhi's border and their provinces.
        const string Handan = "warnNeighbour-130400";
        var id = await fixture.Commander.Register("Aniline crossing into Hebei", "140406", fixture.Now.AddMinutes(-20), Facts.LevelII());
        var lane = board.Page.GetByTestId("downstream-lane");
        await Expect(lane.Locator($"li[data-incident-id='{id}'][data-obligation='{Handan}']")).ToHaveAttributeAsync("data-warning", "pending");
        await Expect(lane.Locator($"li[data-incident-id='{id}']")).ToHaveCountAsync(4);

        await board.OpenDetail(id);
        var line = board.Detail.GetByTestId("neighbours").Locator($"li[data-obligation='{Handan}']");
        await Expect(line).ToContainTextAsync("相邻区域");
        await Expect(line).ToContainTextAsync("邯郸市");
        await line.Locator("[data-action='send-warning']").ClickAsync();
        await line.Locator($"input[name='to-{Handan}']").FillAsync("Handan EPB duty office");
        await line.Locator("[data-action='confirm-send-warning']").ClickAsync();
        await Expect(line).ToHaveAttributeAsync("data-warning", "sent");
        await board.Screenshot("neighbour-warning-sent", fullPage: false);

        var sent = (await fixture.Commander.Incident(id))["neighbours"]!.AsArray().Single(n => n!["obligation"]!.GetValue<string>() == Handan)!;
        Assert.Equal(("sent", "Handan EPB duty office"), (sent["warning"]!.GetValue<string>(), sent["warnedTo"]!.GetValue<string>()));
    }

    /// <summary>A datetime-local value: the minute, in Beijing time (the deployment's zone).</summary>
    private static string Minute(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>About an hour and ten minutes left of the two hours to report to the province.</summary>
    [GeneratedRegex(@"^1:(09|10):\d\d$")]
    private static partial Regex HourCountdown();
}
