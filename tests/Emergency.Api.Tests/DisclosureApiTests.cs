using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Emergency.Api.Tests;

/// <summary>
/// Requests for government information (依申请公开) over real HTTP: the petition officer handles them, the applicant is
/// theirs to see, and supervision counts the answers of closed requests.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class DisclosureApiTests(EngineFixture engine)
{
    [Fact]
    public async Task A_request_is_registered_extended_answered_closed_and_counted_in_supervision()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var unit = EngineFixture.NewRegion("Disclosure office");
        var body = Request(unit, engine.Now.AddDays(-1));

        Problem.Assert(await engine.Commander.Post("/api/disclosures", body), HttpStatusCode.Forbidden);
        Problem.Assert(await engine.Observer.Post("/api/disclosures", body), HttpStatusCode.Forbidden);
        var noContact = Request(unit, engine.Now.AddDays(-1));
        noContact["applicant"]!.AsObject().Remove("contact");
        Problem.Assert(await officer.Post("/api/disclosures", noContact), HttpStatusCode.BadRequest, "applicant.contact");

        var created = await officer.Post("/api/disclosures", body);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Body.Str("id");
        Assert.StartsWith("dis-", id, StringComparison.Ordinal);
        Assert.Equal("received", created.Body.Str("phase"));

        var extension = new { approvedAt = Bodies.Time(engine.Now), applicantToldAt = Bodies.Time(engine.Now), reason = "Three stations hold the reports" };
        Problem.Assert(await officer.Post($"/api/disclosures/{id}/extend", extension), HttpStatusCode.BadRequest, "approvedBy");
        var extended = await officer.Post($"/api/disclosures/{id}/extend", new
        {
            approvedBy = "Director Wang", approvedAt = Bodies.Time(engine.Now), applicantToldAt = Bodies.Time(engine.Now), reason = "Three stations hold the reports",
        });
        Assert.True(extended.Status == HttpStatusCode.OK, extended.ToString());
        Assert.Equal("Director Wang", extended.Body["extensions"]![0]!["approval"]!.Str("approvedBy"));

        var seen = (await engine.Observer.Get($"/api/disclosures/{id}")).Body;
        Assert.True(seen["personalDataRedacted"]!.GetValue<bool>());
        Assert.Null(seen["applicant"]);
        Assert.DoesNotContain("Mill Lane", seen.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("李四", (await officer.Get($"/api/disclosures/{id}")).Body["applicant"].Str("name"));

        var answer = new { kind = "notDisclosed", content = "Dear 李四, the reports are withheld.", reason = "Trade secrets (政府信息公开条例 art. 15)" };
        Problem.Assert(await engine.Commander.Post($"/api/disclosures/{id}/answer", answer), HttpStatusCode.Forbidden);
        Problem.Assert(await officer.Post($"/api/disclosures/{id}/answer", new { kind = "notDisclosed", content = "No." }), HttpStatusCode.BadRequest, "reason");
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/disclosures/{id}/answer", answer)).Status);
        var closed = await officer.Post($"/api/disclosures/{id}/close", null);
        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        var again = Problem.Assert(await officer.Post($"/api/disclosures/{id}/close", null), HttpStatusCode.Conflict);
        Assert.Equal("the request is closed: close is not possible", again.Str("detail"));

        Assert.DoesNotContain(id, (await engine.Observer.Get($"/api/disclosures?unit={Uri.EscapeDataString(unit)}")).Body.AsArray().Ids());
        var supervision = (await engine.Observer.Get($"/api/supervision?unit={Uri.EscapeDataString(unit)}")).Body;
        var row = Assert.Single(supervision["rates"]!.AsArray())!;
        Assert.Equal(1, row["disclosureCounted"]!.GetValue<int>());
        Assert.Equal(1, row["answeredOnTime"]!.GetValue<int>());
        Assert.Equal(0, row["completionCounted"]!.GetValue<int>());

        // At rest the applicant is ciphertext, as a complainant is: the stored state names the request, not the person.
        using var connection = new SqliteConnection($"Data Source={engine.DatabaseFile}");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT PayloadBinary FROM GrainState WHERE StateName LIKE '%disclosure%'";
        var stored = new List<string>();
        using (var rows = read.ExecuteReader())
        {
            while (rows.Read())
            {
                stored.Add(Encoding.UTF8.GetString((byte[])rows[0]));
            }
        }

        var mine = Assert.Single(stored, s => s.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain("李四", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Mill Lane", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Tianji", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_reference_lists_every_move_of_a_disclosure_request_with_its_roles()
    {
        var document = (await engine.Anonymous.Get("/openapi/v1.json")).Body;
        var paths = document["paths"]!.AsObject();

        foreach (var move in new[] { "requestCorrection", "receiveCorrection", "deemAbandoned", "accept", "extend", "consult", "endConsultation", "answer", "close" })
        {
            var post = paths[$"/api/disclosures/{{id}}/{move}"]?["post"];
            Assert.True(post is not null, $"no POST /api/disclosures/{{id}}/{move} in the OpenAPI document");
            Assert.Contains("PetitionOfficer", post.Str("description"), StringComparison.Ordinal);
        }

        Assert.NotNull(paths["/api/disclosures"]?["post"]);
    }

    internal static JsonObject Request(string unit, DateTimeOffset receivedAt) => new()
    {
        ["channel"] = "post",
        ["receivedAt"] = Bodies.Time(receivedAt),
        ["applicant"] = new JsonObject { ["name"] = "李四", ["contact"] = "8 Mill Lane, Changzhi" },
        ["description"] = "The 2025 discharge monitoring reports of Tianji Coal Chemical",
        ["unit"] = unit,
    };
}
