using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Emergency.Api.Tests;

/// <summary>
/// Every level sees and acts on its own, over HTTP on a real port, with the shipped duty-room tokens of 潞城区
/// (county-dev-token, 140406), 长治市 (city-dev-token, 140400) and 山西省 (province-dev-token, 140000).
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class JurisdictionApiTests(EngineFixture engine)
{
    private const string CountyToken = "county-dev-token";
    private const string CityToken = "city-dev-token";
    private const string ProvinceToken = "province-dev-token";

    /// <summary>平顺县, another county of 长治市.</summary>
    private const string OtherCounty = "140425";

    private const string County = "140406";

    private static void AssertOutside(Reply reply, string code, string what)
    {
        var body = Problem.Assert(reply, HttpStatusCode.Forbidden);
        Assert.True(body.Str("type") == "urn:emergency:problem:outside-jurisdiction", $"{what}: {reply}");
        Assert.True(body.Str("code") == code, $"{what}: {reply}");
    }

    [Fact]
    public async Task Every_move_the_API_offers_on_an_incident_of_another_county_is_403_with_its_code_and_changes_nothing()
    {
        using var county = engine.As(CountyToken);
        var id = (await engine.Commander.Register(Bodies.Incident(OtherCounty, engine.Now.AddMinutes(-30), Bodies.CrossProvince()))).Str("id");
        var before = (await engine.Commander.Incident(id)).Long("version");

        // The moves as the API document lists them: every POST under /api/incidents/{id}/.
        var document = (await engine.Anonymous.Get("/openapi/v1.json")).Body;
        var paths = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/incidents/{id}/", StringComparison.Ordinal) && p.Value!["post"] is not null)
            .Select(p => p.Key)
            .ToList();

        // ... and the document lists every move of the command hierarchy but the one that creates an incident.
        var moves = Moves.Of<IncidentCommand>().Where(m => !m.Creates).Select(m => $"/api/incidents/{{id}}/{m.Name}");
        Assert.Empty(moves.Except(paths));
        Assert.Contains("/api/incidents/{id}/obligations/{obligation}/complete", paths);

        foreach (var path in paths)
        {
            var route = path.Replace("{id}", id, StringComparison.Ordinal).Replace("{obligation}", "reachScene", StringComparison.Ordinal);
            AssertOutside(await county.Post(route, new JsonObject()), JurisdictionTexts.IncidentOutside.Code, path);
        }

        AssertOutside(await county.Get($"/api/incidents/{id}"), JurisdictionTexts.IncidentOutside.Code, "the view");
        Assert.Equal(before, (await engine.Commander.Incident(id)).Long("version"));

        // The city and the province act on it: it lies within them.
        using var city = engine.As(CityToken);
        Assert.Equal(HttpStatusCode.OK, (await city.Get($"/api/incidents/{id}")).Status);
        var done = await city.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion());
        Assert.NotNull(done.Obligation("reachScene")["completedAt"]);
    }

    [Fact]
    public async Task A_county_registers_lists_and_boards_only_its_own_county_and_the_city_sees_all_its_counties()
    {
        using var county = engine.As(CountyToken);
        using var city = engine.As(CityToken);
        var own = (await county.Register(Bodies.Incident("潞城区", engine.Now.AddMinutes(-20)))).Str("id");
        var other = (await city.Register(Bodies.Incident(OtherCounty, engine.Now.AddMinutes(-20)))).Str("id");

        AssertOutside(await county.Post("/api/incidents", Bodies.Incident(OtherCounty, engine.Now.AddMinutes(-20))), JurisdictionTexts.RegisterOutside.Code, "registration");
        AssertOutside(await city.Post("/api/incidents", Bodies.Incident("邯郸市", engine.Now.AddMinutes(-20))), JurisdictionTexts.RegisterOutside.Code, "registration");

        var countyList = (await county.List()).Ids();
        Assert.Contains(own, countyList);
        Assert.DoesNotContain(other, countyList);
        Assert.Superset(new HashSet<string> { own, other }, (await city.List()).Ids().ToHashSet());
        Assert.Superset(new HashSet<string> { own, other }, (await engine.Commander.List()).Ids().ToHashSet());

        var board = (await county.Get("/api/board")).Body["incidents"]!.AsArray().Ids();
        Assert.Contains(own, board);
        Assert.DoesNotContain(other, board);
        Assert.Contains(other, (await city.Get("/api/board")).Body["incidents"]!.AsArray().Ids());
    }

    [Fact]
    public async Task The_receiving_bureau_records_the_receipt_of_a_hop_and_nobody_records_a_hop_between_two_levels_above_its_own()
    {
        using var county = engine.As(CountyToken);
        using var city = engine.As(CityToken);
        using var province = engine.As(ProvinceToken);
        var id = (await engine.Commander.Register(Bodies.Incident(County, engine.Now.AddMinutes(-50), Bodies.CrossProvince()))).Str("id");
        JsonObject Hop(string hop) => new()
        {
            ["hop"] = hop,
            ["sentAt"] = Bodies.Time(engine.Now.AddMinutes(-30)),
            ["receivedAt"] = Bodies.Time(engine.Now.AddMinutes(-25)),
            ["medium"] = "phone",
            ["sentBy"] = "Duty officer Li, Lucheng",
            ["receivedBy"] = "Duty officer Zhao, Shanxi",
        };

        AssertOutside(await county.Post($"/api/incidents/{id}/recordHop", Hop("reportUp-140000-ministry")), JurisdictionTexts.HopNotTheirs.Code, "county");
        AssertOutside(await city.Post($"/api/incidents/{id}/recordHop", Hop("reportUp-140000-ministry")), JurisdictionTexts.HopNotTheirs.Code, "city");

        var received = await province.Command($"/api/incidents/{id}/recordHop", Hop("reportUp-140406-140000"));
        var hop = received["chain"]!.AsArray().Single(h => h!.Str("id") == "reportUp-140406-140000")!;
        Assert.Equal(("received", "Duty officer Zhao, Shanxi"), (hop.Str("status"), hop.Str("receivedBy")));
        Assert.Contains(received.Timeline(), e => e.Str("actor") == "duty.shanxi (DutyCommander)" && (string?)e["ref"] == "reportUp-140406-140000");
        Assert.Equal(HttpStatusCode.OK, (await county.Post($"/api/incidents/{id}/recordHop", Hop("reportUp-140406-140406.gov"))).Status);
    }

    [Fact]
    public async Task A_board_bound_to_a_county_is_sent_the_changes_of_its_county_only_and_every_other_lane()
    {
        var heard = new System.Collections.Concurrent.ConcurrentQueue<(string Kind, string Id)>();
        await using var board = new HubConnectionBuilder()
            .WithUrl(new Uri(engine.Engine.BaseAddress, "/hubs/board"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(CountyToken))
            .Build();
        board.On<System.Text.Json.JsonElement>("caseChanged", change =>
            heard.Enqueue((change.GetProperty("kind").GetString()!, change.GetProperty("summary").GetProperty("id").GetString()!)));
        await board.StartAsync(TestContext.Current.CancellationToken);
        await board.InvokeAsync("Watch", "live", TestContext.Current.CancellationToken);

        var other = (await engine.Commander.Register(Bodies.Incident(OtherCounty, engine.Now.AddMinutes(-10)))).Str("id");
        var own = (await engine.Commander.Register(Bodies.Incident(County, engine.Now.AddMinutes(-10)))).Str("id");
        var decision = await engine.DecisionMaker.Post("/api/decisions", new JsonObject { ["title"] = "Incinerator", ["region"] = "140425", ["kind"] = "policy", ["proposal"] = "A plant." });
        Assert.True(decision.Status == HttpStatusCode.Created, decision.ToString());

        await Emergency.Testing.Eventually.Until(() => Task.FromResult(heard.ToList()), h => h.Any(c => c.Id == own), "the county's own incident on its board");
        await Emergency.Testing.Eventually.Until(() => Task.FromResult(heard.ToList()), h => h.Any(c => c.Id == decision.Body.Str("id")), "the decisions lane, which is not bound");

        // The other county's incident was registered first: had it been sent, it would have arrived before the county's own.
        Assert.DoesNotContain(heard, c => c.Id == other);
    }

    [Fact]
    public async Task Me_says_the_jurisdiction_of_a_token_and_none_for_the_whole_deployment()
    {
        using var county = engine.As(CountyToken);

        Assert.Equal(County, (await county.Get("/api/me")).Body.Str("jurisdiction"));
        Assert.Null((await engine.Commander.Get("/api/me")).Body["jurisdiction"]);
    }
}

/// <summary>People bound to a jurisdiction: added with one by an administrator, checked against the catalog, carried by the session.</summary>
public sealed class JurisdictionUserTests(SignInEngine engine) : IClassFixture<SignInEngine>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task An_administrator_adds_a_person_bound_to_a_region_of_the_catalog_and_the_session_acts_within_it_only()
    {
        using var admin = engine.As(Tokens.Administrator);
        var name = $"duty-{Guid.NewGuid():N}"[..20];

        var bad = await admin.Post("/api/users", new { name, role = "dutyCommander", password = Password, jurisdiction = "Atlantis" });
        Problem.Assert(bad, HttpStatusCode.BadRequest, "jurisdiction");

        var added = await admin.Post("/api/users", new { name, role = "dutyCommander", password = Password, jurisdiction = "Changzhi" });
        Assert.True(added.Status == HttpStatusCode.Created, added.ToString());
        Assert.Equal("140400", added.Body.Str("jurisdiction"));
        Assert.Contains((await admin.Get("/api/users")).Body.AsArray(), u => u!.Str("name") == name && u.Str("jurisdiction") == "140400");

        using var person = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);
        Assert.Equal("140400", (await person.Api.Get("/api/me")).Body.Str("jurisdiction"));

        var handan = await person.Api.Send(person.Command("/api/incidents", Bodies.Incident("邯郸市", engine.Now.AddMinutes(-10))));
        Assert.Equal(JurisdictionTexts.RegisterOutside.Code, Problem.Assert(handan, HttpStatusCode.Forbidden).Str("code"));
        var lucheng = await person.Api.Send(person.Command("/api/incidents", Bodies.Incident("140406", engine.Now.AddMinutes(-10))));
        Assert.True(lucheng.Status == HttpStatusCode.Created, lucheng.ToString());
    }

    [Fact]
    public async Task An_administrator_moves_a_person_to_another_region_their_sessions_end_and_they_act_there_after_signing_in_again()
    {
        using var admin = engine.As(Tokens.Administrator);
        var name = $"duty-{Guid.NewGuid():N}"[..20];
        var added = await admin.Post("/api/users", new { name, role = "dutyCommander", password = Password, jurisdiction = "潞城区" });
        Assert.True(added.Status == HttpStatusCode.Created, added.ToString());
        using var person = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);

        Problem.Assert(await engine.Commander.Send(Put($"/api/users/{name}/jurisdiction", new { jurisdiction = "Handan" })), HttpStatusCode.Forbidden);
        Problem.Assert(await admin.Send(Put($"/api/users/{name}/jurisdiction", new { jurisdiction = "Atlantis" })), HttpStatusCode.BadRequest, "jurisdiction");
        Problem.Assert(await admin.Send(Put("/api/users/nobody-at-all/jurisdiction", new { jurisdiction = "Handan" })), HttpStatusCode.NotFound);
        Assert.Equal("140406", (await person.Api.Get("/api/me")).Body.Str("jurisdiction"));

        var moved = await admin.Send(Put($"/api/users/{name}/jurisdiction", new { jurisdiction = "Handan" }));

        Assert.True(moved.Status == HttpStatusCode.OK, moved.ToString());
        Assert.Equal(("130400", false), (moved.Body.Str("jurisdiction"), moved.Body["disabled"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Api.Get("/api/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);
        Assert.Equal("130400", (await person.Api.Get("/api/me")).Body.Str("jurisdiction"));
        var lucheng = await person.Api.Send(person.Command("/api/incidents", Bodies.Incident("140406", engine.Now.AddMinutes(-10))));
        Assert.Equal(JurisdictionTexts.RegisterOutside.Code, Problem.Assert(lucheng, HttpStatusCode.Forbidden).Str("code"));
        var shexian = await person.Api.Send(person.Command("/api/incidents", Bodies.Incident("涉县", engine.Now.AddMinutes(-10))));
        Assert.True(shexian.Status == HttpStatusCode.Created, shexian.ToString());

        var whole = await admin.Send(Put($"/api/users/{name}/jurisdiction", new JsonObject { ["jurisdiction"] = null }));
        Assert.Null(whole.Body["jurisdiction"]);
        using var auditor = engine.As(AuditApiTests.AuditorToken);
        var trail = (await auditor.Get("/api/audit?user=admin.sun")).Body["records"]!.AsArray();
        Assert.Contains(trail, r => r!.Str("kind") == "jurisdictionChanged" && r.Str("action") == $"PUT /api/users/{name}/jurisdiction 130400");
        Assert.Contains(trail, r => r!.Str("kind") == "jurisdictionChanged" && r.Str("action") == $"PUT /api/users/{name}/jurisdiction *");
    }

    private static HttpRequestMessage Put(string path, object body) =>
        new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
}

/// <summary>A token's jurisdiction in the tokens file: optional, read against the region catalog, a bad one stops the start.</summary>
public sealed class TokenJurisdictionTests
{
    private static readonly RegionCatalog Regions = RegionCatalogLoader.Load(Path.Combine(Emergency.Testing.RepoPaths.Root, "config", "regions", "cn-gbt2260.json"), refusesUnknown: true);

    [Fact]
    public void A_token_line_without_a_jurisdiction_acts_on_the_whole_deployment_and_one_with_a_name_is_kept_as_its_code()
    {
        using var directory = new Emergency.Testing.TempDirectory("tokens");
        const string Key = "a-key-of-this-test-that-is-long-enough";
        var file = directory.File("tokens.json");
        File.WriteAllText(file, $$"""
            { "users": [
              { "user": "sensor", "role": "observer", "tokenHmac": "{{Emergency.Host.Auth.MachineTokens.Hash(Key, "sensor-token")}}" },
              { "user": "county", "role": "dutyCommander", "jurisdiction": "Lucheng District", "tokenHmac": "{{Emergency.Host.Auth.MachineTokens.Hash(Key, "county-token")}}" },
              { "user": "city", "role": "dutyCommander", "jurisdiction": "长治", "tokenHmac": "{{Emergency.Host.Auth.MachineTokens.Hash(Key, "city-token")}}" }
            ] }
            """);

        var error = Assert.Throws<Emergency.Host.Hosting.EngineConfigurationException>(() => Emergency.Host.Auth.MachineTokens.Load(file, Key).ResolveJurisdictions(Regions));
        Assert.Contains("'Lucheng District' of user 'county'", error.Message, StringComparison.Ordinal);

        File.WriteAllText(file, File.ReadAllText(file).Replace("Lucheng District", "140406", StringComparison.Ordinal));
        var tokens = Emergency.Host.Auth.MachineTokens.Load(file, Key);
        tokens.ResolveJurisdictions(Regions);
        Assert.Equal(((string?)null, "140406", "140400"), (tokens.JurisdictionOf("sensor"), tokens.JurisdictionOf("county"), tokens.JurisdictionOf("city")));
    }
}
