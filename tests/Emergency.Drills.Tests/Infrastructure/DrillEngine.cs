using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Contracts;
using Emergency.Host.Hosting;
using Emergency.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Emergency.Drills.Tests.Infrastructure;

/// <summary>
/// The real engine for the drill tests (the approach of the API tests' EngineInstance, reduced to what
/// drills need): <see cref="EngineHost.Build"/> on a real loopback port, SQLite in a temporary file, its own
/// silo and gateway ports, and a fake engine clock that paced drills run on. Shared by a collection.
/// </summary>
public sealed class DrillEngine : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 08:00 in Beijing.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    public const string OrganiserToken = "drill-dev-token";
    public const string CommanderToken = "commander-dev-token";
    public const string ObserverToken = "observer-dev-token";

    private readonly TempDirectory _directory = new("drills");
    private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(Start);

    public Uri BaseAddress { get; private set; } = null!;

    public IGrainFactory Grains => _app!.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        _app = EngineHost.Build(
        [
            "--Urls=http://127.0.0.1:0",
            "--Storage:Provider=Sqlite",
            $"--Storage:ConnectionString=Data Source={_directory.File("engine.db")}",
            $"--Cluster:SiloPort={FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
        ], builder =>
        {
            builder.Services.AddSingleton(new EngineClock(Clock));
            builder.Logging.ClearProviders();
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        _directory.Dispose();
    }

    /// <summary>
    /// How many stored grain states (rows with a payload) have a key in <paramref name="keys"/> or starting with
    /// <paramref name="keyPrefix"/>: read from the engine's SQLite file directly, without waking any grain.
    /// </summary>
    public async Task<int> StoredStatesAsync(string keyPrefix, IReadOnlyList<string> keys)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_directory.File("engine.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        var names = keys.Select((_, i) => $"@k{i}").ToList();
        query.CommandText = $"SELECT COUNT(*) FROM GrainState WHERE PayloadBinary IS NOT NULL AND (KeyExtension LIKE @prefix ESCAPE '\\'{string.Concat(names.Select(n => $" OR KeyExtension = {n}"))})";
        query.Parameters.AddWithValue("@prefix", keyPrefix.Replace("_", "\\_", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal) + "%");
        for (var i = 0; i < keys.Count; i++)
        {
            query.Parameters.AddWithValue(names[i], keys[i]);
        }

        return Convert.ToInt32(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public HttpClient Client(string? token = OrganiserToken)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // The engine speaks Chinese unless asked otherwise; these tests read its English (TextsTests hold the two together).
        client.DefaultRequestHeaders.AcceptLanguage.Add(new("en"));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Starts a drill through the API and returns the answer (201 with the status, or a problem).</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> PostScenarioAsync(string yaml, string query = "mode=fast&file=test.yaml", string? token = OrganiserToken, bool expectContinue = false)
    {
        using var client = Client(token);
        client.DefaultRequestHeaders.ExpectContinue = expectContinue;
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync($"/api/drills?{query}", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<DrillStatus> StatusAsync(string run)
    {
        using var client = Client();
        var text = await client.GetStringAsync($"/api/drills/{run}", TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<DrillStatus>(text, DomainJson.Options)!;
    }

    public Task<DrillStatus> FinishedAsync(string run) =>
        Eventually.Until(() => StatusAsync(run), s => s.Phase is DrillPhase.Finished or DrillPhase.Failed, $"drill {run} to finish", TimeSpan.FromSeconds(60));

    /// <summary>Runs a scenario fast through the API and returns its run id and the report's exact text.</summary>
    public async Task<(string Run, string Report)> RunFastAsync(string yaml, string file = "test.yaml")
    {
        var (status, body) = await PostScenarioAsync(yaml, $"mode=fast&file={file}");
        Assert.True(status == HttpStatusCode.Created, $"expected 201, got {(int)status}: {body}");
        var run = (string)body["run"]!;
        var finished = await FinishedAsync(run);
        Assert.Equal(DrillPhase.Finished, finished.Phase);
        using var client = Client();
        return (run, await client.GetStringAsync($"/api/drills/{run}/report", TestContext.Current.CancellationToken));
    }
}

[CollectionDefinition(Name)]
public sealed class DrillEngineCollection : ICollectionFixture<DrillEngine>
{
    public const string Name = "drill engine";
}
