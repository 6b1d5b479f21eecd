using System.Data.Common;
using System.Text.RegularExpressions;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// The grain persistence queries the ADO.NET provider runs, read from the same <c>OrleansQuery</c> table: group commit
/// runs the very same SQL (and so the same version checks), only many statements to a transaction. The reminder
/// table's two writes are read from it too, as the ADO.NET reminder provider reads them, for PostgreSQL's group commit.
/// </summary>
internal sealed partial class StoredQueries
{
    /// <summary>The parameters the provider binds, in the order group commit numbers them for positional binding.</summary>
    public static readonly string[] Parameters =
        ["ServiceId", "GrainTypeString", "GrainIdN0", "GrainIdN1", "GrainIdExtensionString", "PayloadBinary", "GrainStateVersion"];

    private StoredQueries(string read, string write, string clear, string upsertReminder, string deleteReminder)
    {
        Read = read;
        Write = write;
        Clear = clear;
        UpsertReminder = upsertReminder;
        DeleteReminder = deleteReminder;
    }

    public string Read { get; }

    public string Write { get; }

    public string Clear { get; }

    /// <summary><c>UpsertReminderRowKey</c>, with the parameters of <see cref="ReminderWrite.Parameters"/>.</summary>
    public string UpsertReminder { get; }

    /// <summary><c>DeleteReminderRowKey</c>, with the parameters of <see cref="ReminderWrite.Parameters"/>.</summary>
    public string DeleteReminder { get; }

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

        string Get(string key, string[] parameters) => queries.TryGetValue(key, out var text)
            ? Check(key, text, parameters)
            : throw new StorageSchemaException($"the OrleansQuery table has no '{key}' query; the schema is not migrated");
        return new StoredQueries(
            Get("ReadFromStorageKey", Parameters),
            Get("WriteToStorageKey", Parameters),
            Get("ClearStorageKey", Parameters),
            Get("UpsertReminderRowKey", ReminderWrite.Parameters),
            Get("DeleteReminderRowKey", ReminderWrite.Parameters));
    }

    /// <summary>Rewrites <c>@Name</c> to <c>$n</c> (the position in <paramref name="parameters"/>), for PostgreSQL batches.</summary>
    public static string Positional(string text, string[]? parameters = null) =>
        ParameterPattern().Replace(text, m => "$" + (Array.IndexOf(parameters ?? Parameters, m.Groups[1].Value) + 1)).TrimEnd().TrimEnd(';');

    /// <summary>The parameter names a query uses (SQLite refuses unbound ones, so exactly these are bound).</summary>
    public static IReadOnlyList<string> Used(string text) =>
        ParameterPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    private static string Check(string key, string text, string[] parameters)
    {
        var unknown = Used(text).Where(name => !parameters.Contains(name, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? text
            : throw new StorageSchemaException($"query '{key}' uses parameters group commit does not send: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex(@"@([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex ParameterPattern();
}
