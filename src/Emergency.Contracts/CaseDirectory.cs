using System.Text;

namespace Emergency.Contracts;

/// <summary>
/// How the cases of one kind and scope are spread over directory shards. Each kind has its own directory grain
/// type, so shard keys of different kinds never meet.
/// </summary>
public static class CaseDirectory
{
    public const int Shards = 16;

    public static string ShardKey(string scope, string caseId) => $"{scope}/{ShardOf(caseId):D2}";

    public static IEnumerable<string> AllShardKeys(string scope) => Enumerable.Range(0, Shards).Select(s => $"{scope}/{s:D2}");

    /// <summary>The scope a shard key belongs to.</summary>
    public static string ScopeOf(string shardKey) => shardKey[..shardKey.LastIndexOf('/')];

    /// <summary>FNV-1a: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static int ShardOf(string caseId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(caseId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Shards);
    }
}
