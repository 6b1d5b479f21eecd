using Emergency.Testing;
namespace Emergency.Api.Tests.Infrastructure;

/// <summary>Moves an incident through its procedure with commands that must succeed.</summary>
public static class Procedure
{
    /// <summary>The obligations completed as steps; releaseInformation is met by publishing a release (<see cref="Release"/>).</summary>
    public static readonly string[] Steps = ["reachScene", "startMonitoring", "organiseInvestigation"];

    /// <summary>Drafts, approves and publishes a release as <paramref name="api"/>; returns the incident after publishing and the release's number.</summary>
    public static async Task<(System.Text.Json.Nodes.JsonNode Incident, int Number)> Release(ApiClient api, string id, ApiClient? approver = null)
    {
        var drafted = await api.Command($"/api/incidents/{id}/draftRelease", Bodies.Release());
        var number = drafted["releases"]!.AsArray().Count;
        await (approver ?? api).Command($"/api/incidents/{id}/approveRelease", new System.Text.Json.Nodes.JsonObject { ["release"] = number, ["approvedBy"] = "王副局长" });
        return (await api.Command($"/api/incidents/{id}/publishRelease", new System.Text.Json.Nodes.JsonObject { ["release"] = number }), number);
    }

    /// <summary>Initial report, the three steps and a published release (and the notice to neighbouring areas when it is due), final report, close: every command answered 200.</summary>
    public static async Task RunToClosed(ApiClient api, string id)
    {
        var incident = await api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        foreach (var step in Steps)
        {
            await api.Command($"/api/incidents/{id}/obligations/{step}/complete", Bodies.Completion());
        }

        await Release(api, id);

        if (incident["obligations"]!.AsArray().Any(o => o.Str("id") == "notifyNeighbours"))
        {
            await api.Command($"/api/incidents/{id}/obligations/notifyNeighbours/complete", new System.Text.Json.Nodes.JsonObject { ["notified"] = "the neighbouring bureau" });
        }

        await api.Command($"/api/incidents/{id}/reports", Bodies.Report("final"));
        await api.Command($"/api/incidents/{id}/close", null);
    }

    /// <summary>Waits until the open-incident list shows exactly <paramref name="expected"/> for <paramref name="query"/>.</summary>
    public static Task<System.Text.Json.Nodes.JsonArray> ListShows(ApiClient api, string query, params string[] expected) =>
        Eventually.Until(
            () => api.List(query),
            list => list.Ids().Order().SequenceEqual(expected.Order()),
            $"GET /api/incidents{query} to list exactly [{string.Join(", ", expected)}]");
}
