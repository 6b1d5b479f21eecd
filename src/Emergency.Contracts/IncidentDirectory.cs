using System.Text;

namespace Emergency.Contracts;

/// <summary>How incidents are spread over directory shards.</summary>
public static class IncidentDirectory
{
    public const int Shards = 16;

    public static string ShardKey(string scope, string incidentId) => $"{scope}/{ShardOf(incidentId):D2}";

    public static IEnumerable<string> AllShardKeys(string scope) => Enumerable.Range(0, Shards).Select(s => $"{scope}/{s:D2}");

    /// <summary>FNV-1a: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static int ShardOf(string incidentId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(incidentId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Shards);
    }
}
