using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Npgsql;
using NpgsqlTypes;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// The plain alternative a team would otherwise build: one PostgreSQL transaction per command that locks the
/// incident row (SELECT … FOR UPDATE), applies the same domain rules (<see cref="Incident"/>), writes the row back
/// and appends the new timeline entries. Same durability as the engine: synchronous_commit on, one commit per command.
/// </summary>
public sealed class PlainSqlTarget(NpgsqlDataSource database, RuleSetCatalog catalog) : ICommandTarget
{
    public const string Schema = """
        CREATE TABLE plain_incident (
            id       text        PRIMARY KEY,
            state    bytea       NOT NULL,
            version  bigint      NOT NULL,
            modified timestamptz NOT NULL);
        CREATE TABLE plain_timeline (
            incident_id text        NOT NULL,
            seq         integer     NOT NULL,
            at          timestamptz NOT NULL,
            actor       text        NOT NULL,
            kind        text        NOT NULL,
            text        text        NOT NULL,
            PRIMARY KEY (incident_id, seq));
        """;

    private static readonly Actor Commander = new("bench", Role.DutyCommander);

    public async Task<string?> RegisterAsync()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var (incident, decision) = Incident.Register(id, "live", BenchCommands.Report(now), Commander, catalog, now);
        if (!decision.IsAccepted || incident is null)
        {
            return null;
        }

        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("INSERT INTO plain_incident (id, state, version, modified) VALUES ($1, $2, $3, $4)",
            id, JsonSerializer.SerializeToUtf8Bytes(incident.State, StoredJson.Options), incident.State.Version, now));
        batch.BatchCommands.Add(AppendTimeline(id, incident.State.Timeline));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return id;
    }

    public async Task<bool> UpdateFactsAsync(string incidentId, int evacuated)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        IncidentState state;
        await using (var select = new NpgsqlCommand("SELECT state FROM plain_incident WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = incidentId });
            var stored = (byte[]?)await select.ExecuteScalarAsync();
            if (stored is null)
            {
                return false;
            }

            state = JsonSerializer.Deserialize<IncidentState>(stored, StoredJson.Options)!;
        }

        var incident = Incident.Load(state, catalog);
        var seenBefore = state.Timeline.Count == 0 ? 0 : state.Timeline[^1].Seq;
        var now = DateTimeOffset.UtcNow;
        var decision = incident.Handle(BenchCommands.Update(evacuated), Commander, now);
        if (!decision.IsAccepted)
        {
            await transaction.RollbackAsync();
            return false;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("UPDATE plain_incident SET state = $2, version = $3, modified = $4 WHERE id = $1",
            incidentId, JsonSerializer.SerializeToUtf8Bytes(incident.State, StoredJson.Options), incident.State.Version, now));
        batch.BatchCommands.Add(AppendTimeline(incidentId, incident.State.Timeline.Where(e => e.Seq > seenBefore).ToList()));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return true;
    }

    private static NpgsqlBatchCommand AppendTimeline(string incidentId, IReadOnlyList<TimelineEntry<TimelineKind>> entries)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO plain_timeline (incident_id, seq, at, actor, kind, text)
            SELECT $1, * FROM unnest($2::integer[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = incidentId });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.At).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Actor).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Kind.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => JsonSerializer.Serialize(e.Text)).ToArray() });
        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
