using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Emergency.Storage.Indexing;
using Emergency.Storage.Serialization;
using Emergency.Storage.Timelines;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// Grain storage with group commit (<c>Storage:Commit=group</c>). Writes from any number of grains queue up; one
/// committer takes everything queued, runs each write's query (the ADO.NET provider's own SQL from OrleansQuery,
/// with its version check) in a single transaction, commits once, and only then completes each write. A version
/// conflict fails that grain's write alone with <see cref="InconsistentStateException"/>; the rest commit. If the
/// transaction fails, nothing of it was committed and every write in it fails with the error. While one batch
/// commits the next one gathers, so the batch grows with the load and one grain waits at most about two commits.
/// On PostgreSQL several committers (<see cref="StorageOptions.Committers"/>) run side by side, each on its own
/// connection: one batch executes on the server while another waits for its flush. They never hold two writes of one
/// row: a grain's next write is queued only after its previous one was answered. A timelined state's new entries
/// (<see cref="ITimelinedState"/>) are appended as rows in the same transaction as the state. On PostgreSQL the
/// reminder table's writes join the same queue (<see cref="GroupCommitReminderTable"/>).
/// </summary>
internal sealed partial class GroupCommitGrainStorage(
    string name,
    StorageOptions options,
    string serviceId,
    JsonGrainStateSerializer serializer,
    IActivatorProvider activators,
    ILogger<GroupCommitGrainStorage> logger,
    FreshKeys fresh,
    SqliteWriterGate? gate = null)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Most writes per transaction: bounds one commit's time (and a PostgreSQL batch's size).</summary>
    internal const int MaxBatch = 512;

    /// <summary>Most reads at once: with the committer, the storage holds at most this many connections plus one.</summary>
    internal const int MaxConcurrentReads = 16;

    private readonly SemaphoreSlim _reads = new(MaxConcurrentReads);
    private readonly ConcurrentDictionary<Type, object> _activators = new();
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = options.EffectiveCommitters == 1 });
    private readonly GroupCommitDatabase _database = GroupCommitDatabase.For(options, serviceId, gate);
    private StoredQueries? _queries;
    private Task _committer = Task.CompletedTask;
    private volatile bool _running;
    private long _commits;
    private long _writes;
    private long _reminders;

    /// <summary>Transactions committed so far, the writes they carried, and how many of those were the reminder table's (for tests and diagnostics).</summary>
    internal (long Commits, long Writes, long Reminders) Committed =>
        (Interlocked.Read(ref _commits), Interlocked.Read(ref _writes), Interlocked.Read(ref _reminders));

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(GroupCommitGrainStorage)}-{name}", ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (fresh.Claim(grainId.Key.ToString()!))
        {
            // A key drawn here a moment ago: nothing can be stored under it, and the first write inserts only if so.
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        (byte[]? Payload, int Version)? row;
        await _reads.WaitAsync(cancellationToken);
        try
        {
            row = await _database.ReadAsync(Queries, GrainRowKey.Of(stateName, grainId), cancellationToken);
            grainState.State = row?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : Create<T>();
            await StoredTimelines.LoadAsync(stateName, grainId, grainState.State, serializer,
                (kind, caseId, rows) => _database.Timelines.ReadAsync(kind, caseId, rows, cancellationToken));
        }
        finally
        {
            _reads.Release();
        }

        grainState.ETag = row?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = row?.Payload is not null;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        // The timeline's new rows first: they set the count the state's JSON stores.
        var timeline = StoredTimelines.ForWrite(stateName, grainId, grainState.State, serializer);
        var payload = Bytes(serializer.Serialize(grainState.State));
        grainState.ETag = await Commit("WriteState", stateName, grainId, grainState.ETag, payload, IndexChange.ForWrite(stateName, grainId, grainState.State), timeline);
        grainState.RecordExists = true;
        StoredTimelines.Written(grainState.State, timeline);
    }

    /// <summary>
    /// The serialized state's bytes without copying them again when they are one whole array (as the engine's JSON
    /// serializer makes them, fresh for this write): every write of every case paid that second copy.
    /// </summary>
    private static byte[] Bytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length ? whole.Array : data.ToArray();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        // As the ADO.NET provider: nothing stored, nothing to clear (and no tombstone to create).
        if (!grainState.RecordExists)
        {
            await ReadStateAsync(stateName, grainId, grainState, cancellationToken);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        grainState.ETag = await Commit(
            "ClearState", stateName, grainId, grainState.ETag, payload: null, IndexChange.ForClear(stateName, grainId, grainState.State), StoredTimelines.ForClear(stateName, grainId, grainState.State));
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    private StoredQueries Queries => _queries ?? throw new InvalidOperationException("group commit storage used before the silo started it");

    private async Task<string> Commit(string operation, string stateName, GrainId grainId, string? etag, byte[]? payload, IndexChange? index, TimelineChange? timeline)
    {
        var expected = string.IsNullOrWhiteSpace(etag) ? (int?)null : int.Parse(etag, CultureInfo.InvariantCulture);
        var write = new PendingWrite(GrainRowKey.Of(stateName, grainId), payload, expected, index, timeline);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new InvalidOperationException("group commit storage is stopped; the write was not made");
        }

        var version = await write.Done.Task;
        return version?.ToString(CultureInfo.InvariantCulture) ?? throw new InconsistentStateException(
            $"Version conflict ({operation}): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={grainId} ETag={etag}.");
    }

    /// <summary>
    /// Queues a reminder table's write for the next group commit, or returns false while the storage does not run:
    /// before its start (the reminder service starts earlier in the silo's lifecycle) and once its stop began (it stops
    /// earlier). Then the caller writes it on its own. A write queued before the stop is committed by it.
    /// </summary>
    internal bool TryQueue(ReminderWrite reminder, [NotNullWhen(true)] out Task<int?>? done)
    {
        var write = new PendingWrite(reminder);
        done = _running && _queue.Writer.TryWrite(write) ? write.Done.Task : null;
        return done is not null;
    }

    public void Dispose() => _reads.Dispose();

    /// <summary>
    /// A new state, from the activator asked once per state type: the provider finds (and may build) the activator
    /// anew on every call, which every registration and every read paid (0.6 % of a registration's CPU).
    /// </summary>
    private T Create<T>() => ((IActivator<T>)_activators.GetOrAdd(typeof(T), static (_, provider) => provider.GetActivator<T>(), activators)).Create();

    /// <summary>Loads the queries and starts the committers (the silo's lifecycle calls it; tests may too).</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await _database.OpenAsync(cancellationToken))
        {
            _queries = await StoredQueries.LoadAsync(connection, cancellationToken);
        }

        // Off any grain's scheduler: the committers serve every grain of the silo.
        _committer = Task.WhenAll(Enumerable.Range(0, options.EffectiveCommitters).Select(_ => Task.Run(CommitLoopAsync, CancellationToken.None)));
        _running = true;
        LogStarted(name, options.Provider, options.EffectiveCommitters);
    }

    /// <summary>Stops taking writes, commits what is queued, and waits for the last commit.</summary>
    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        _running = false;
        _queue.Writer.TryComplete();
        await _committer.WaitAsync(cancellationToken);
        await _database.CloseAsync();
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            await CommitBatchAsync(batch);
        }
    }

    private async Task CommitBatchAsync(List<PendingWrite> batch)
    {
        int?[] versions;
        var started = Stopwatch.GetTimestamp();
        using var activity = CommitTelemetry.StartCommit(options.Provider, batch.Count);
        try
        {
            versions = await _database.CommitAsync(Queries, batch, CancellationToken.None);
            CommitTelemetry.Committed(options.Provider, batch.Count, Stopwatch.GetElapsedTime(started), succeeded: true);
        }
        catch (Exception ex)
        {
            CommitTelemetry.Committed(options.Provider, batch.Count, Stopwatch.GetElapsedTime(started), succeeded: false);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogBatchFailed(ex, batch.Count);
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, batch.Count);
        Interlocked.Add(ref _reminders, batch.Count(write => write.Reminder is not null));
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(versions[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name} on {Provider} commits writes in groups, {Committers} at a time")]
    private partial void LogStarted(string name, StorageProvider provider, int committers);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} writes failed; none of them was stored")]
    private partial void LogBatchFailed(Exception exception, int count);
}
