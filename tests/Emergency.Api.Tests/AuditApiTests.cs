using System.Net;
using Emergency.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Emergency.Api.Tests;

/// <summary>The audit trail over real HTTP: refused requests and reads of personal data, for auditors only.</summary>
[Collection(SharedEngine.Name)]
public sealed class AuditApiTests(EngineFixture engine)
{
    public const string AuditorToken = "auditor-dev-token";

    [Fact]
    public async Task Refusals_and_reads_of_personal_data_are_recorded_in_the_database_and_only_an_auditor_reads_them()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        using var auditor = engine.As(AuditorToken);
        using var administrator = engine.As(Tokens.Administrator);
        var created = await officer.Post("/api/disputes", DisputeApiTests.Complaint(EngineFixture.NewRegion("Audit Works"), engine.Now.AddHours(-1)));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body.Str("id");

        Assert.Equal(HttpStatusCode.OK, (await officer.Get($"/api/disputes/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await engine.Observer.Get($"/api/disputes/{id}")).Status);
        Problem.Assert(await engine.Observer.Post($"/api/disputes/{id}/acceptance", new { outcome = "accepted" }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/disputes/{id}/acceptance", new { outcome = "accepted" })).Status);
        Problem.Assert(await officer.Post($"/api/disputes/{id}/acceptance", new { outcome = "accepted" }), HttpStatusCode.Conflict);

        var trail = await auditor.Get($"/api/audit?case={id}");
        Assert.True(trail.Status == HttpStatusCode.OK, trail.ToString());
        var records = trail.Body["records"]!.AsArray().Select(r => (r.Str("user"), r.Str("kind"), r.Str("action"), r!["status"]!.GetValue<int>())).ToList();
        Assert.Equal(
            [
                ("petition.zhao", "refused", "POST /api/disputes/{id}/acceptance", 409),
                ("petition.zhao", "personalDataRead", "POST /api/disputes/{id}/acceptance", 200),
                ("observer.chen", "refused", "POST /api/disputes/{id}/acceptance", 403),
                ("petition.zhao", "personalDataRead", "GET /api/disputes/{id}", 200),
            ],
            records);
        Assert.All(trail.Body["records"]!.AsArray(), r => Assert.Equal(id, r.Str("caseId")));
        Assert.Equal("no-store", trail.Header("Cache-Control"));

        // Filters and pages.
        Assert.Single((await auditor.Get($"/api/audit?case={id}&user=observer.chen")).Body["records"]!.AsArray());
        var from = Uri.EscapeDataString(engine.Now.AddMinutes(1).ToString("O"));
        Assert.Empty((await auditor.Get($"/api/audit?case={id}&from={from}")).Body["records"]!.AsArray());
        Assert.Equal(4, (await auditor.Get($"/api/audit?case={id}&to={from}")).Body["records"]!.AsArray().Count);
        var first = await auditor.Get($"/api/audit?case={id}&limit=3");
        Assert.Equal(3, first.Body["records"]!.AsArray().Count);
        var second = await auditor.Get($"/api/audit?case={id}&limit=3&before={first.Body["next"]}");
        Assert.Equal("GET /api/disputes/{id}", Assert.Single(second.Body["records"]!.AsArray()).Str("action"));
        Assert.Null(second.Body["next"]);
        Problem.Assert(await auditor.Get("/api/audit?from=yesterday"), HttpStatusCode.BadRequest, "from");
        Problem.Assert(await auditor.Get("/api/audit?limit=0"), HttpStatusCode.BadRequest, "limit");

        // Nobody else reads the trail, and an auditor reads no case.
        foreach (var other in new[] { officer, engine.Commander, engine.Observer, administrator })
        {
            Problem.Assert(await other.Get("/api/audit"), HttpStatusCode.Forbidden);
        }

        Problem.Assert(await auditor.Get($"/api/disputes/{id}"), HttpStatusCode.Forbidden);

        // In the engine's own database, beside the cases.
        using var connection = new SqliteConnection($"Data Source={engine.DatabaseFile}");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM AuditRecord WHERE CaseId = '{id}'";
        Assert.Equal(5L, (long)count.ExecuteScalar()!);
    }
}
