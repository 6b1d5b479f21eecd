using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>The drill API on a real engine and port: roles, refusals, live lists kept apart, the drill's own lists and board, purge.</summary>
[Collection(DrillEngineCollection.Name)]
public sealed class DrillApiTests(DrillEngine engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(DrillEngine.CommanderToken, HttpStatusCode.Forbidden)]
    [InlineData(DrillEngine.ObserverToken, HttpStatusCode.Forbidden)]
    public async Task Only_a_drill_organiser_starts_a_drill(string? token, HttpStatusCode expected)
    {
        var (status, _) = await engine.PostScenarioAsync(Scenarios.Minimal(), token: token);
        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task A_bad_file_is_answered_400_with_file_line_column_and_reason()
    {
        var yaml = Scenarios.Minimal("  - {at: +1h, kind: explosion, incident: spill}");
        var (status, body) = await engine.PostScenarioAsync(yaml, "file=bad.yaml");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("urn:emergency:problem:invalid-scenario", (string)body["type"]!);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("bad.yaml", (string)error["file"]!);
        Assert.Equal(14, (int)error["line"]!);
        Assert.Equal(21, (int)error["column"]!);
        Assert.StartsWith("unknown inject kind 'explosion'", (string)error["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_scenario_or_an_inject_is_a_400_with_its_place()
    {
        var (status, body) = await engine.PostScenarioAsync(Scenarios.Minimal().Replace("title: Test drill", "title: \"\\uDC00\\uD800\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(1, (int)error["line"]!);
        Assert.Contains("half of a surrogate pair", (string)error["reason"]!, StringComparison.Ordinal);

        var (created, paced) = await engine.PostScenarioAsync(Scenarios.Minimal(), "mode=paced&speed=1");
        Assert.Equal(HttpStatusCode.Created, created);
        var run = (string)paced["run"]!;
        using var organiser = engine.Client();
        using var inject = await organiser.PostAsync($"/api/drills/{run}/injects", Json("""{"kind": "message", "text": "\uDC00\uD800"}"""), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, inject.StatusCode);
        var refusal = (await inject.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal("urn:emergency:problem:invalid-scenario", (string)refusal["type"]!);
        Assert.Contains("half of a surrogate pair", (string)refusal["errors"]![0]!["reason"]!, StringComparison.Ordinal);
        using var purged = await organiser.DeleteAsync($"/api/drills/{run}", Cancel);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
    }

    [Fact]
    public async Task A_ten_megabyte_file_is_answered_413_without_being_read()
    {
        // As curl does for a large body: Expect: 100-continue, so the refusal comes before the upload.
        var (status, body) = await engine.PostScenarioAsync(Scenarios.Minimal() + "# " + new string('x', 10 * 1024 * 1024), expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("at most 1,048,576 bytes", (string)body["errors"]![0]!["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_incidents_stay_out_of_live_lists_are_listed_by_scope_on_the_drill_clock_and_purge_away()
    {
        var (run, _) = await engine.RunFastAsync(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");
        var scope = Scopes.Drill(run);
        using var organiser = engine.Client();
        using var commander = engine.Client(DrillEngine.CommanderToken);

        var live = await commander.GetFromJsonAsync<List<IncidentSummary>>("/api/incidents", DomainJson.Options, Cancel);
        Assert.DoesNotContain(live!, s => Scopes.IsDrill(s.Scope));
        var liveBoard = await commander.GetFromJsonAsync<JsonObject>("/api/board", Cancel);
        Assert.Empty(liveBoard!["incidents"]!.AsArray());
        Assert.Null(liveBoard["drill"]);

        var drillList = await Eventually.Until(
            () => organiser.GetFromJsonAsync<List<IncidentSummary>>($"/api/incidents?scope={scope}", DomainJson.Options, Cancel)!,
            l => l!.Count == 1, "the drill's incident in its list");
        var incident = Assert.Single(drillList!);
        Assert.Equal(scope, incident.Scope);

        // Counted against the drill's clock (its end, 2013-01-10 07:40), not the engine's (2026): the open steps are overdue by days, not years.
        var releaseInformation = incident.Obligations.Single(o => o.Kind == ObligationKind.ReleaseInformation);
        Assert.Equal(ObligationStatus.CompletedLate, releaseInformation.Status);
        var board = await organiser.GetFromJsonAsync<JsonObject>($"/api/board?scope={scope}", Cancel);
        Assert.Equal(new DateTimeOffset(2013, 1, 10, 7, 40, 0, TimeSpan.FromHours(8)), board!["asOf"]!.GetValue<DateTimeOffset>());
        Assert.Equal("finished", (string)board["drill"]!["phase"]!);
        Assert.Single(board["incidents"]!.AsArray());

        using var purge = await organiser.DeleteAsync($"/api/drills/{run}", Cancel);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (int)(await purge.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["purged"]!);
        Assert.Empty((await organiser.GetFromJsonAsync<List<IncidentSummary>>($"/api/incidents?scope={scope}", DomainJson.Options, Cancel))!);
        using var gone = await organiser.GetAsync($"/api/drills/{run}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var incidentGone = await organiser.GetAsync($"/api/incidents/{incident.Id}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, incidentGone.StatusCode);
    }

    [Fact]
    public async Task Purging_a_drill_of_complaints_leaves_no_stored_state_of_its_scope_not_even_the_early_warning()
    {
        var (run, _) = await engine.RunFastAsync(Scenarios.HotlineSurge, "hotline-surge.yaml");
        var scope = Scopes.Drill(run);
        using var organiser = engine.Client();
        var warnings = (await organiser.GetFromJsonAsync<JsonArray>($"/api/warnings?scope={scope}", Cancel))!;
        var warningId = (string)Assert.Single(warnings)!["id"]!;
        var incidentId = (string)warnings[0]!["escalation"]!["incidentId"]!;
        var disputes = Enumerable.Range(1, 8).SelectMany(sequence => Enumerable.Range(0, 40).Select(copy => DrillIds.Dispute(run, sequence, copy))).ToList();
        IReadOnlyList<string> keys = [scope, warningId, incidentId, .. disputes];

        // Stored: the complaints, their directory shards, the watch of the plant, the caller's history, the warning and its list, the incident.
        var before = await engine.StoredStatesAsync(scope + "/", keys);
        Assert.True(before >= 41 + 5, $"{before} stored states before the purge");

        using var purge = await organiser.DeleteAsync($"/api/drills/{run}", Cancel);
        Assert.True(purge.StatusCode == HttpStatusCode.OK, await purge.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(42, (int)(await purge.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["purged"]!);

        Assert.Equal(0, await engine.StoredStatesAsync(scope + "/", keys));
        Assert.Empty((await organiser.GetFromJsonAsync<JsonArray>($"/api/warnings?scope={scope}", Cancel))!);
    }

    [Fact]
    public async Task The_report_comes_as_json_as_a_page_with_the_chart_inline_and_as_svg()
    {
        var (run, json) = await engine.RunFastAsync(Scenarios.Longjiang, "longjiang-cadmium-2012.yaml");
        using var organiser = engine.Client();

        var page = await organiser.GetStringAsync($"/api/drills/{run}/report.html", Cancel);
        var chart = await organiser.GetStringAsync($"/api/drills/{run}/chart.svg", Cancel);

        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("Failed: 6 met, 1 late, 1 missed.", page, StringComparison.Ordinal);
        Assert.Contains("longjiang · report", chart, StringComparison.Ordinal);
        Assert.StartsWith("<svg", chart, StringComparison.Ordinal);
        Assert.Equal(DrillReportJson.Serialize(DrillReportJson.Deserialize(json)), json);
        var status = await engine.StatusAsync(run);
        Assert.Equal((100, 20, 20), (status.Percent, status.InjectsApplied, status.InjectsTotal));
        Assert.False(status.Result!.Passed);
    }

    [Fact]
    public async Task A_fast_drill_cannot_be_paused_or_take_injects_by_hand()
    {
        var (run, _) = await engine.RunFastAsync(Scenarios.Minimal());
        using var organiser = engine.Client();

        using var pause = await organiser.PostAsync($"/api/drills/{run}/pause", null, Cancel);
        using var inject = await organiser.PostAsync($"/api/drills/{run}/injects", new StringContent("{\"kind\":\"message\",\"text\":\"hi\"}", Encoding.UTF8, "application/json"), Cancel);
        using var unknown = await organiser.GetAsync("/api/drills/nosuchrun/report", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, pause.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inject.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_paced_drill_runs_on_the_engine_clock_pauses_takes_injects_by_hand_and_jumps()
    {
        const string Expectations = """
              - obligationOnTime: {incident: spill, obligation: reachScene}
              - obligationOnTime: {incident: spill, obligation: report}
            """;
        var (created, body) = await engine.PostScenarioAsync(Scenarios.Minimal(expectations: Expectations, header: "end: +6h"), "mode=paced&speed=x3600");
        Assert.Equal(HttpStatusCode.Created, created);
        var run = (string)body["run"]!;
        using var organiser = engine.Client();

        // One second of engine time is an hour of the drill.
        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => engine.StatusAsync(run), s => s.Offset == "+1h", "the drill's clock at +1h");
        using var report = await organiser.GetAsync($"/api/drills/{run}/report", Cancel);
        Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);

        var paused = await Send(organiser, $"/api/drills/{run}/pause");
        Assert.Equal("paused", (string)paused["phase"]!);
        engine.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("+1h", (await engine.StatusAsync(run)).Offset);

        using var tooEarly = await organiser.PostAsync($"/api/drills/{run}/injects", Json("""{"kind": "obligationCompleted", "incident": "spill", "obligation": "startMonitoring"}"""), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        var refusal = (await tooEarly.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal("urn:emergency:problem:inject-refused", (string)refusal["type"]!);
        Assert.Contains("before someone is on scene", (string)refusal["detail"]!, StringComparison.Ordinal);
        using var onScene = await organiser.PostAsync($"/api/drills/{run}/injects", Json("kind: obligationCompleted\nincident: spill\nobligation: reachScene\n"), Cancel);
        Assert.Equal(HttpStatusCode.OK, onScene.StatusCode);
        using var badInject = await organiser.PostAsync($"/api/drills/{run}/injects", Json("{kind: obligationCompleted, incident: nobody, obligation: reachScene}"), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, badInject.StatusCode);

        await Send(organiser, $"/api/drills/{run}/resume");
        var jumped = await Send(organiser, $"/api/drills/{run}/jump?to=%2B5h");
        Assert.Equal("+5h", (string)jumped["offset"]!);
        var list = await organiser.GetFromJsonAsync<List<IncidentSummary>>($"/api/incidents?scope={Scopes.Drill(run)}", DomainJson.Options, Cancel);
        Assert.Equal(ObligationStatus.Overdue, Assert.Single(list!).Obligations.Single(o => o.Kind == ObligationKind.Report).Status);
        using var back = await organiser.PostAsync($"/api/drills/{run}/jump?to=%2B2h", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);

        var finished = await Send(organiser, $"/api/drills/{run}/jump?to=%2B6h");
        Assert.Equal("finished", (string)finished["phase"]!);
        var result = DrillReportJson.Deserialize(await organiser.GetStringAsync($"/api/drills/{run}/report", Cancel));
        Assert.Equal("paced", result.Mode);
        Assert.Equal(2, result.Scenario.ManualInjects);
        Assert.Equal(Domain.Drills.ExpectationOutcome.Met, result.Expectations[0].Outcome);
        Assert.Equal(Domain.Drills.ExpectationOutcome.Missed, result.Expectations[1].Outcome);
        var refused = Assert.Single(result.Refused);
        Assert.Equal(("+1h", "obligationCompleted"), (refused.Offset, refused.Kind));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> Send(HttpClient client, string path)
    {
        using var response = await client.PostAsync(path, null, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
