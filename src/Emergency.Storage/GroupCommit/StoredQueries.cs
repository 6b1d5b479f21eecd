using System.Data.Common;
using System.Text.RegularExpressions;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// The grain persistence queries the ADO.NET provider runs, read from the same <c>OrleansQuery</c> table: group commit
/// runs the very same SQL (and so the same version checks), only many statements to a transaction.
/// </summary>
internal sealed partial class StoredQueries
{
    /// <summary>The parameters the provider binds, in the order group commit numbers them for positional binding.</summary>
    public static readonly string[] Parameters =
        ["ServiceId", "GrainTypeString", "GrainIdN0", "GrainIdN1", "GrainIdExtensionString", "PayloadBinary", "GrainStateVersion"];

    private StoredQueries(string read, string write, string clear)
    {
        Read = read;
        Write = write;
        Clear = clear;
    }

    public string Read { get; }

    public string Write { get; }

    public string Clear { get; }

    public static async Task<StoredQueries> LoadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey, QueryText FROM OrleansQuery";
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                queries[reader.GetString(0)] = reader.GetString(1);
            }
        }

        string Get(string key) => queries.TryGetValue(key, out var text)
            ? Check(key, text)
            : throw new StorageSchemaException($"the OrleansQuery table has no '{key}' query; the schema is not migrated");
        return new StoredQueries(Get("ReadFromStorageKey"), Get("WriteToStorageKey"), Get("ClearStorageKey"));
    }

    /// <summary>Rewrites <c>@Name</c> to <c>$n</c> (the position in <see cref="Parameters"/>), for PostgreSQL batches.</summary>
    public static string Positional(string text) =>
        ParameterPattern().Replace(text, m => "$" + (Array.IndexOf(Parameters, m.Groups[1].Value) + 1)).TrimEnd().TrimEnd(';');

    /// <summary>The parameter names a query uses (SQLite refuses unbound ones, so exactly these are bound).</summary>
    public static IReadOnlyList<string> Used(string text) =>
        ParameterPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    private static string Check(string key, string text)
    {
        var unknown = Used(text).Where(name => !Parameters.Contains(name, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? text
            : throw new StorageSchemaException($"query '{key}' uses parameters group commit does not send: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex(@"@([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex ParameterPattern();
}
