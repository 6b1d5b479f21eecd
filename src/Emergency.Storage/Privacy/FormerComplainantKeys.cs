using System.Globalization;

namespace Emergency.Storage.Privacy;

/// <summary>
/// Whether this service may still keep a person's history under the former salted key (table
/// <c>ComplainantTakeOver</c>, schema version 9): the migration marked every service that had stored any complainant
/// history before it, and only such a service needs to look under the former key at a person's first complaint.
/// </summary>
public sealed class FormerComplainantKeys(StorageOptions options, string serviceId)
{
    /// <summary>True when the service was marked, so histories under the former key may exist.</summary>
    public async Task<bool> MayExistAsync(CancellationToken ct)
    {
        await using var connection = await StoreConnections.OpenAsync(options, ct);
        await using var command = StoreConnections.Command(connection, "SELECT COUNT(*) FROM ComplainantTakeOver WHERE ServiceId = @ServiceId", ("ServiceId", serviceId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }
}
