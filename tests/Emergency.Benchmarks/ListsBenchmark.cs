using System.Buffers.Text;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Emergency.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Emergency.Benchmarks;

/// <summary>
/// The list of open petitions with 1,000, 10,000 and 100,000 open (more with <c>--open</c>): one page through the API
/// (the first, one 90 % of the way down, the overdue ones, a page of 1,000, and a unit no case has, which reads the
/// request's budget of 10,000 cases), against the baseline in the same run: the whole list read by the directory grain
/// (<c>List()</c>, what the API read before it paged, its JSON answer not counted); and efficiency supervision, which
/// reads every case (now by ranges of 1,000) against the whole history in one call as before, and the overdue limits
/// (now the overdue cases alone: here the index rows due in the last two hours, a twelfth). Ten real complaints are registered;
/// the rest are index rows made from one of them in SQL (a list reads only the index). Median of several reads after
/// two unmeasured ones. Arguments: [sqlite|postgres] [--open 1000,10000,100000].
/// </summary>
public sealed class ListsBenchmark : IBenchmark
{
    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var postgres = args.Contains("postgres");
        var openAt = Array.IndexOf(args, "--open");
        var sizes = openAt >= 0 ? args[openAt + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
        var database = postgres ? await BenchPostgres.FreshDatabaseAsync() : null;
        var file = Path.Combine(Path.GetTempPath(), $"emergency-lists-{Guid.NewGuid():N}.db");
        try
        {
            var connectionString = database ?? $"Data Source={file}";
            await using var engine = await EngineUnderTest.StartAsync(postgres ? "PostgreSql" : "Sqlite", connectionString);
            return await MeasureAsync(engine, connectionString, postgres, sizes);
        }
        finally
        {
            if (database is not null)
            {
                await BenchPostgres.DropAsync(database);
            }

            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<BenchmarkReport> MeasureAsync(EngineUnderTest engine, string connectionString, bool postgres, int[] sizes)
    {
        using var http = new HttpClient { BaseAddress = engine.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "petition-dev-token");
        var receivedAt = DateTimeOffset.Now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture);
        for (var i = 0; i < 10; i++)
        {
            var complaint = new JsonObject
            {
                ["channel"] = "hotline12369",
                ["receivedBy"] = "department",
                ["receivedAt"] = receivedAt,
                ["unit"] = "Changzhi EPB petition office",
                ["complainant"] = new JsonObject { ["name"] = "Li Hua", ["contact"] = $"139{i:D8}" },
                ["subject"] = new JsonObject { ["enterprise"] = $"Listed enterprise {i}", ["region"] = "Changzhi" },
                ["content"] = "A sharp smell every night.",
            };
            (await http.PostAsJsonAsync("/api/disputes", complaint)).EnsureSuccessStatusCode();
        }

        var directory = engine.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IDisputeDirectoryGrain>(Scopes.Live);
        await using var db = postgres ? (DbConnection)new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await db.OpenAsync();
        var rows = new List<IReadOnlyList<string>>();
        var open = 10;
        foreach (var size in sizes)
        {
            await AddRowsAsync(db, postgres, open, size);
            open = size;
            if (postgres)
            {
                await ExecuteAsync(db, "ANALYZE CaseIndex");
            }

            var load = LoadAverage.Now();
            var wholeTimes = size >= 50_000 ? 3 : 5;
            var whole = await OneCallAsync(wholeTimes, async () => _ = await directory.List());
            var history = await OneCallAsync(wholeTimes, async () => _ = await directory.History());
            var supervision = await MedianAsync(wholeTimes, async () => (await http.GetAsync("/api/supervision")).EnsureSuccessStatusCode());
            var deep = await PositionAtAsync(db, postgres, size * 9 / 10);
            string[] pages = ["/api/disputes", $"/api/disputes?after={deep}", "/api/disputes?overdue=true", "/api/disputes?limit=1000", "/api/disputes?unit=nobody", "/api/supervision/overdue"];
            var timed = new List<string>();
            foreach (var page in pages)
            {
                timed.Add(Ms(await MedianAsync(15, async () => (await http.GetAsync(page)).EnsureSuccessStatusCode())));
            }

            rows.Add([size.ToString("N0", CultureInfo.InvariantCulture), whole, .. timed, history, Ms(supervision), load, LoadAverage.Now()]);
            Console.Error.WriteLine($"lists: {size} open done");
        }

        return new BenchmarkReport(
            "lists",
            $"{(postgres ? "PostgreSQL (fresh database)" : "SQLite (embedded default)")}, one process; open petitions of the live scope; median ms of 15 reads (the whole list: 5, or 3 from 50,000) after two unmeasured",
            ["open", "whole list (directory List(), before paging)", "first page of 100", "page 90 % down", "overdue, first page", "page of 1,000", "unit none has (10,000 read)",
                "supervision/overdue", "history in one call (before)", "supervision (history by ranges)", "load before", "load after"],
            rows);
    }

    /// <summary>Index rows for cases <paramref name="from"/> to <paramref name="to"/>, from one real petition's row, deadlines spread over a day from two hours ago.</summary>
    private static async Task AddRowsAsync(DbConnection db, bool postgres, int from, int to)
    {
        var sql = postgres
            ? $"""
              INSERT INTO CaseIndex (ServiceId, Kind, CaseId, Scope, IsOpen, OpenedAt, ClosedAt, NextDueAt, Region, Unit, Level, Phase, CaseVersion, Summary, Overdue, ListDueAt)
              SELECT t.ServiceId, t.Kind, 'pet-listed' || lpad(g::text, 7, '0'), t.Scope, true, t.OpenedAt, NULL, t.NextDueAt, t.Region, t.Unit, t.Level, t.Phase, 1,
                     replace(t.Summary, t.CaseId, 'pet-listed' || lpad(g::text, 7, '0')), false, now() - interval '2 hours' + (g % 1440) * interval '1 minute'
              FROM (SELECT * FROM CaseIndex WHERE Kind = 'dispute' AND CaseId NOT LIKE 'pet-listed%' LIMIT 1) t, generate_series({from}, {to - 1}) g
              """
            : $"""
              WITH RECURSIVE g(n) AS (SELECT {from} UNION ALL SELECT n + 1 FROM g WHERE n < {to - 1})
              INSERT INTO CaseIndex (ServiceId, Kind, CaseId, Scope, IsOpen, OpenedAt, ClosedAt, NextDueAt, Region, Unit, Level, Phase, CaseVersion, Summary, Overdue, ListDueAt)
              SELECT t.ServiceId, t.Kind, 'pet-listed' || substr('0000000' || g.n, -7), t.Scope, 1, t.OpenedAt, NULL, t.NextDueAt, t.Region, t.Unit, t.Level, t.Phase, 1,
                     replace(t.Summary, t.CaseId, 'pet-listed' || substr('0000000' || g.n, -7)), 0,
                     strftime('%Y-%m-%dT%H:%M:%f', 'now', '-2 hours', '+' || (g.n % 1440) || ' minutes') || '0000Z'
              FROM (SELECT * FROM CaseIndex WHERE Kind = 'dispute' AND CaseId NOT LIKE 'pet-listed%' LIMIT 1) t, g
              """;
        await ExecuteAsync(db, sql);
    }

    /// <summary>
    /// The <c>after</c> of the case at <paramref name="offset"/> by deadline (not overdue that far down), as the API
    /// writes it: "u" (not overdue), no lane, its deadline's UTC ticks and its id between bars, in base64url.
    /// </summary>
    private static async Task<string> PositionAtAsync(DbConnection db, bool postgres, int offset)
    {
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT ListDueAt, CaseId FROM CaseIndex WHERE Kind = 'dispute' AND IsOpen = {(postgres ? "true" : "1")} AND ListDueAt IS NOT NULL ORDER BY ListDueAt, CaseId{(postgres ? " COLLATE \"C\"" : "")} LIMIT 1 OFFSET {offset}";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var due = postgres ? new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)) : DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"u||{due.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{reader.GetString(1)}"));
    }

    private static async Task ExecuteAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The median of a read made in one grain call, or what stopped it: Orleans' response timeout (30 s).</summary>
    private static async Task<string> OneCallAsync(int times, Func<Task> read)
    {
        try
        {
            return Ms(await MedianAsync(times, read));
        }
        catch (TimeoutException)
        {
            return "timed out (30 s)";
        }
    }

    private static async Task<TimeSpan> MedianAsync(int times, Func<Task> read)
    {
        await read();
        await read();
        var took = new List<TimeSpan>();
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            took.Add(Stopwatch.GetElapsedTime(started));
        }

        return took.Order().ElementAt(times / 2);
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString(time.TotalMilliseconds < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
