using Emergency.Testing;
namespace Emergency.Api.Tests.Infrastructure;

/// <summary>Moves an incident through its procedure with commands that must succeed.</summary>
public static class Procedure
{
    public static readonly string[] Steps = ["reachScene", "startMonitoring", "organiseInvestigation", "releaseInformation"];

    /// <summary>Initial report, the four steps (and the notice to neighbouring areas when it is due), final report, close: every command answered 200.</summary>
    public static async Task RunToClosed(ApiClient api, string id)
    {
        var incident = await api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        foreach (var step in Steps)
        {
            await api.Command($"/api/incidents/{id}/obligations/{step}/complete", Bodies.Completion());
        }

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
