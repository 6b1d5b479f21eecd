using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Grains.Cases;
using Emergency.Host.Hosting;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>An engine whose closed cases keep their personal data for ten days.</summary>
public sealed class PurgeEngine : EngineFixture
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(10);

    protected override string[] Settings => ["--Privacy:PurgeAfterClosure=10.00:00:00"];
}

/// <summary>
/// Personal data purged a configured time after a case closes, by the engine on its own clock: the case keeps its
/// procedure, the audit trail records the purge, and the person's later complaints are no longer linked to it.
/// </summary>
public sealed class PersonalDataPurgeTests(PurgeEngine engine) : IClassFixture<PurgeEngine>
{
    private const string Reason = "Li Hua's quarrel with a neighbour over farmland";

    [Fact]
    public async Task A_closed_petitions_personal_data_is_erased_ten_days_after_closure_with_an_audit_record_and_its_procedure_stays()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        using var auditor = engine.As(AuditApiTests.AuditorToken);
        var enterprise = EngineFixture.NewRegion("Purge Works");
        var phone = $"139{Random.Shared.Next(100_000_000):D8}";
        var complaint = DisputeApiTests.Complaint(enterprise, engine.Now.AddHours(-1), idNumber: "11010519491231002X");
        complaint["complainant"]!["contact"] = phone;
        var id = (await officer.Post("/api/disputes", complaint)).Body.Str("id");
        await Ok(officer, $"/api/disputes/{id}/acceptance", new { outcome = "transferredOut", reason = Reason, transferredTo = "Land and resources bureau" });
        var closed = await Ok(officer, $"/api/disputes/{id}/close", new { note = "Li Hua was told by phone" });
        Assert.Equal("closed", closed.Str("phase"));

        // A day short of the retention, everything is still there for the officer.
        engine.Clock.Advance(PurgeEngine.Retention - TimeSpan.FromDays(1));
        var before = await officer.Get($"/api/disputes/{id}");
        Assert.Equal("Li Hua", before.Body["complainant"].Str("name"));
        Assert.Null(before.Body["personalDataPurgedAt"]);

        engine.Clock.Advance(TimeSpan.FromDays(1));
        var after = await Eventually.Until(() => officer.Get($"/api/disputes/{id}"), r => r.Body["personalDataPurgedAt"] is not null, "the purge");
        foreach (var gone in new[] { "Li Hua", phone, "11010519491231002X", "River Road", "farmland", "told by phone" })
        {
            Assert.DoesNotContain(gone, after.Text, StringComparison.Ordinal);
        }

        Assert.Null(after.Body["complainant"]!["name"]);
        Assert.Equal("", after.Body.Str("content"));
        Assert.Equal("", after.Body["acceptance"].Str("reason"));
        var purged = after.Body.Timeline()[^1];
        Assert.Equal("personalDataPurged", purged.Str("kind"));
        Assert.StartsWith("Personal data erased", purged.Str("text"), StringComparison.Ordinal);

        // The procedure and its outcome stay.
        Assert.Equal("closed", after.Body.Str("phase"));
        Assert.Equal("transferredOut", after.Body["acceptance"].Str("outcome"));
        Assert.Equal("Land and resources bureau", after.Body["acceptance"].Str("transferredTo"));
        Assert.Equal(enterprise, after.Body["subject"].Str("enterprise"));
        Assert.Equal(before.Body.Timeline().Count + 1, after.Body.Timeline().Count);

        var trail = await auditor.Get($"/api/audit?case={id}");
        var record = Assert.Single(trail.Body["records"]!.AsArray(), r => r.Str("kind") == "personalDataPurged")!;
        Assert.Equal("system", record.Str("user"));
        Assert.Equal(engine.Now, record.Time("at"));

        // The same person complains again: the purged case is no longer theirs.
        var again = DisputeApiTests.Complaint(enterprise, engine.Now.AddHours(-1), idNumber: "11010519491231002X");
        again["complainant"]!["contact"] = phone;
        var next = await officer.Post("/api/disputes", again);
        Assert.True(next.Status == HttpStatusCode.Created, next.ToString());
        Assert.DoesNotContain(id, next.Text, StringComparison.Ordinal);
        Assert.Empty(next.Body["earlierCases"]!.AsArray());
    }

    [Fact]
    public async Task A_closed_suggestions_contact_letters_and_notes_are_erased_and_an_open_one_keeps_them()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var closedId = await Suggestion(officer);
        var openId = await Suggestion(officer);
        await Ok(officer, $"/api/suggestions/{closedId}/close", null);

        engine.Clock.Advance(PurgeEngine.Retention);
        var after = await Eventually.Until(() => officer.Get($"/api/suggestions/{closedId}"), r => r.Body["personalDataPurgedAt"] is not null, "the purge");
        foreach (var gone in new[] { "139-0000-0000", "Relocation is planned", "Three departments", "agreed the plan", "pleased with it" })
        {
            Assert.DoesNotContain(gone, after.Text, StringComparison.Ordinal);
        }

        // The deputy's name, the suggestion and the four fixed points are public record, and stay.
        Assert.Equal("Deputy Sun", after.Body.Str("deputyName"));
        Assert.Contains("Nanguan primary school", after.Body.Str("content"), StringComparison.Ordinal);
        Assert.Equal("Study relocation", after.Body["assignments"]![0]!["points"].Str("requirement"));
        Assert.Equal("satisfied", after.Body["satisfactions"]![0].Str("satisfaction"));

        var open = await officer.Get($"/api/suggestions/{openId}");
        Assert.Null(open.Body["personalDataPurgedAt"]);
        Assert.Equal("139-0000-0000", open.Body.Str("deputyContact"));
    }

    [Fact]
    public void The_retention_is_three_years_unless_configured_and_a_bad_value_stops_the_start()
    {
        Assert.Equal(TimeSpan.FromDays(1095), PersonalDataRetention.Default.AfterClosure);
        foreach (var bad in new[] { "three years", "00:00:10", "-1.00:00:00" })
        {
            var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([$"--Privacy:PurgeAfterClosure={bad}", $"--Cluster:SiloPort={FreePorts.Next()}"]));
            Assert.Equal(PersonalDataRetention.Setting, error.Key);
        }
    }

    /// <summary>A suggestion assigned as complex, communicated, replied and the deputy satisfied: ready to close.</summary>
    private async Task<string> Suggestion(ApiClient officer)
    {
        var id = (await officer.Post("/api/suggestions", new JsonObject
        {
            ["kind"] = "deputySuggestion",
            ["title"] = "Move the coking plant away from the school",
            ["deputy"] = new JsonObject { ["name"] = "Deputy Sun", ["contact"] = "139-0000-0000" },
            ["content"] = "The plant is 300 m from Nanguan primary school.",
            ["receivedAt"] = Bodies.Time(engine.Now.AddDays(-2)),
            ["unit"] = "EPB general office",
        })).Body.Str("id");
        await Ok(officer, $"/api/suggestions/{id}/assign", new
        {
            leader = "Deputy director Wang", unit = "Atmosphere section", requirement = "Study relocation", deadline = Bodies.Time(engine.Now.AddDays(60)),
            complex = true, complexBecause = "Three departments and the county must agree",
        });
        await Ok(officer, $"/api/suggestions/{id}/communication", new { means = "phone", note = "agreed the plan" });
        await Ok(officer, $"/api/suggestions/{id}/reply", new { content = "Relocation is planned for 2027." });
        await Ok(officer, $"/api/suggestions/{id}/satisfaction", new { satisfaction = "satisfied", note = "the deputy was pleased with it" });
        return id;
    }

    private static async Task<JsonNode> Ok(ApiClient api, string path, object? body)
    {
        var reply = await api.Post(path, body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {path}: {reply}");
        return reply.Body;
    }
}
