using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Decisions;
using Emergency.Domain.Calendar;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Regions;
using Emergency.Domain.Rules;
using Emergency.Grains.Drills;
using Emergency.Storage;
using Emergency.Storage.Privacy;
using Emergency.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Emergency.Grains.Tests;

/// <summary>
/// A real in-process Orleans cluster running the engine's grains on a real SQLite file, with a clock the
/// test moves. <see cref="RestartAsync"/> stops every silo and starts new ones on the same file.
/// </summary>
public sealed class EngineCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static readonly RuleSetCatalog Rules = RuleSetLoader.Load(RepoPaths.IncidentRules);

    private static readonly MajorDecisionRuleCatalog DecisionRules = MajorDecisionRuleLoader.Load(Path.Combine(RepoPaths.Config, "rules", "decisions"));
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Load(Path.Combine(RepoPaths.Config, "rules", "calendar", "cn-holidays.json"));
    private static readonly PetitionRuleCatalog Petitions = PetitionRuleLoader.Load(Path.Combine(RepoPaths.Config, "rules", "petitions"), Calendar);
    private static readonly SuggestionRuleCatalog Suggestions = SuggestionRuleLoader.Load(Path.Combine(RepoPaths.Config, "rules", "suggestions"), Calendar);

    /// <summary>The shipped region catalog, refusing names outside it as a deployment does by default.</summary>
    public static readonly RegionCatalog Regions = RegionCatalogLoader.Load(Path.Combine(RepoPaths.Config, "regions", "cn-gbt2260.json"), refusesUnknown: true);

    private readonly TempDirectory _files = new("grains");
    private InProcessTestCluster? _cluster;
    private string _database = "engine.db";

    private FastDrillCheckpoints _checkpoints = new(1);

    private EngineCluster()
    {
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public IClusterClient Client => _cluster!.Client;

    /// <summary>The silo's own services (its storage's <c>FreshKeys</c>, say).</summary>
    public IServiceProvider SiloServices => _cluster!.Silos[0].SiloHost.Services;

    /// <summary>The SQLite file the engine stores its state and reminders in.</summary>
    public string DatabaseFile => _files.File(_database);

    /// <summary>Runs <paramref name="sql"/> on the engine's database (while the engine is down, to shape what it finds at start).</summary>
    public void Execute(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The first value <paramref name="sql"/> reads from the engine's database.</summary>
    public object Scalar(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    /// <summary>Starts a cluster; a fast drill checkpoints after every turn unless <paramref name="checkpoints"/> says otherwise.</summary>
    public static async Task<EngineCluster> StartAsync(FastDrillCheckpoints? checkpoints = null)
    {
        var engine = new EngineCluster { _checkpoints = checkpoints ?? new FastDrillCheckpoints(1) };
        await engine.DeployAsync();
        return engine;
    }

    public IIncidentGrain Incident(string id) => Client.GetGrain<IIncidentGrain>(id);

    public async Task<IReadOnlyList<Domain.Incidents.IncidentSummary>> OpenIncidentsAsync()
    {
        return await Client.GetGrain<IIncidentDirectoryGrain>(Scopes.Live).List();
    }

    /// <summary>Stops the cluster, lets <paramref name="whileDown"/> happen (e.g. time passing), and starts a new one on the same database.</summary>
    public async Task RestartAsync(Action? whileDown = null)
    {
        await _cluster!.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        whileDown?.Invoke();
        await DeployAsync();
    }

    /// <summary>
    /// A crash: a new cluster starts on a consistent copy of what the database holds now, as a process killed now
    /// would leave it, and nothing the old cluster held in memory reaches it. <paramref name="afterCopy"/> runs once the
    /// copy is taken (a test lets go of the database there); the old cluster is stopped and whatever it writes after
    /// the copy goes to the old file, lost with it.
    /// </summary>
    public async Task CrashAsync(Action? afterCopy = null)
    {
        var copy = $"crashed-{Guid.NewGuid():N}.db";
        await using (var source = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly"))
        await using (var target = new SqliteConnection($"Data Source={_files.File(copy)}"))
        {
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }

        afterCopy?.Invoke();
        await _cluster!.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _database = copy;
        await DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        _files.Dispose();
    }

    private async Task DeployAsync()
    {
        var storage = new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={DatabaseFile}" };
        var builder = new InProcessTestClusterBuilder(1);

        // Stored rows are keyed by ServiceId: a restarted cluster must keep the same one to find them.
        builder.Options.ServiceId = "emergency-grain-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(new EngineClock(Clock));

            // A fast drill checkpoints after every turn here unless a test asks otherwise, so that a test can crash one
            // between two checkpoints.
            silo.Services.AddSingleton(_checkpoints);
            silo.Services.AddSingleton(Rules);
            silo.Services.AddSingleton(DecisionRules).AddSingleton(Petitions).AddSingleton(Suggestions).AddSingleton(Regions);
            silo.UseEmergencyStorage(storage, new PersonalDataProtection(PersonalDataKeys.Development, typeof(PersonalDataAttribute)));
            silo.AddEmergencyGrains();

            // Reminders may fire every second here, so that a test sees one within its timeout.
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddEmergencyTypes()));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }
}
