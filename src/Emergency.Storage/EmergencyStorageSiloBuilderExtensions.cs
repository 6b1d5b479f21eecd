using Emergency.Storage.GroupCommit;
using Emergency.Storage.Hosting;
using Emergency.Storage.Indexing;
using Emergency.Storage.Privacy;
using Emergency.Storage.Serialization;
using Emergency.Storage.Timelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Emergency.Storage;

public static class EmergencyStorageSiloBuilderExtensions
{
    /// <summary>
    /// Puts the silo's grain state (<see cref="EmergencyStorage.ProviderName"/>) and reminders in the configured
    /// database, migrating its schema before any provider starts.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <see cref="StorageProvider.PostgreSql"/> also configures ADO.NET clustering: the membership table lives
    /// in the same database, so every silo started with the same ClusterId finds the others there.
    /// </para>
    /// <para>
    /// <see cref="StorageProvider.Sqlite"/> does <b>not</b> configure clustering: a SQLite file serves one node,
    /// and the host must call <c>UseLocalhostClustering</c> itself.
    /// </para>
    /// <para>
    /// Grain state is stored as JSON without .NET type names (camelCase, enums by name); the properties
    /// <paramref name="privacy"/> marks as personal data are encrypted with its keys.
    /// </para>
    /// <para>
    /// <see cref="CommitMode.Group"/> (the default) stores grain state with group commit: the same rows and queries as
    /// the ADO.NET grain storage, many grains' writes per transaction; <see cref="CommitMode.PerWrite"/> uses the ADO.NET
    /// grain storage itself. Reminders and membership are always the ADO.NET providers' tables and queries; with group
    /// commit on PostgreSQL the reminder table's writes are committed with the grains' writes.
    /// </para>
    /// </remarks>
    /// <exception cref="StorageConfigurationException">The options are invalid.</exception>
    public static ISiloBuilder UseEmergencyStorage(this ISiloBuilder silo, StorageOptions options, PersonalDataProtection privacy)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(privacy);
        options.Validate();

        // The caller may mutate its options object after this call; the silo must keep what was validated.
        var storage = options.Snapshot();
        var invariant = EmergencyStorage.InvariantFor(storage.Provider);
        var connectionString = EmergencyStorage.ConnectionStringFor(storage);

        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            new SchemaMigrationParticipant(storage, services.GetRequiredService<ILoggerFactory>()));

        // A storage error crosses grain calls (a failed write answers its caller, maybe on another node, then the
        // API). Orleans serializes only exceptions from namespaces it was told of: without Npgsql here, a database
        // outage reached the API as CodecNotFoundException (a 500) instead of the DbException answered with a 503.
        silo.Services.Configure<ExceptionSerializationOptions>(exceptions => exceptions.SupportedNamespacePrefixes.Add("Npgsql"));

        // The audit trail: the host records requests in it, and the grains their own actions (a purge of personal data).
        silo.Services.TryAddSingleton(new Audit.AuditStore(storage));

        // The case index's reader: lists, the board's snapshot and supervision read the database, not the cases.
        silo.Services.AddSingleton(services => CaseIndex.For(storage, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));

        // Whether a person's history may still be kept under the former salted key (schema version 9).
        silo.Services.AddSingleton(services => new FormerComplainantKeys(storage, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));

        // One serializer for the state and its timeline's rows: it leaves a timeline kept as rows out of the state's JSON.
        var serializer = new JsonGrainStateSerializer(privacy);

        // The same instance for whoever must serialize a state as the storage does (the drill warm-up): its contracts are made once.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(EmergencyStorage.ProviderName, serializer);
        var gated = storage.EffectiveCommit == CommitMode.Group && storage.Provider == StorageProvider.Sqlite;
        if (gated)
        {
            silo.Services.AddSingleton<SqliteWriterGate>();
        }

        // Keys the API draws for new cases; with group commit their first activation skips the read.
        silo.Services.TryAddSingleton<FreshKeys>();
        if (storage.EffectiveCommit == CommitMode.Group)
        {
            silo.Services.AddGrainStorage(EmergencyStorage.ProviderName, (services, name) => new GroupCommitGrainStorage(
                name,
                storage,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                serializer,
                services.GetRequiredService<IActivatorProvider>(),
                services.GetRequiredService<ILogger<GroupCommitGrainStorage>>(),
                services.GetRequiredService<FreshKeys>(),
                services.GetService<SqliteWriterGate>()));
        }
        else
        {
            silo.AddAdoNetGrainStorage(EmergencyStorage.ProviderName, adoNet =>
            {
                adoNet.Invariant = invariant;
                adoNet.ConnectionString = connectionString;
                adoNet.GrainStorageSerializer = serializer;
            });
            IndexPerWrite(silo.Services, storage, serializer);
        }

        silo.UseAdoNetReminderService(adoNet =>
        {
            adoNet.Invariant = invariant;
            adoNet.ConnectionString = connectionString;
        });

        if (gated)
        {
            WrapReminderTable(silo.Services, (provider, inner) => new GatedReminderTable(inner, provider.GetRequiredService<SqliteWriterGate>()));
        }
        else if (storage.EffectiveCommit == CommitMode.Group && storage.Provider == StorageProvider.PostgreSql)
        {
            WrapReminderTable(silo.Services, (provider, inner) => new GroupCommitReminderTable(
                inner, (GroupCommitGrainStorage)provider.GetRequiredKeyedService<IGrainStorage>(EmergencyStorage.ProviderName)));
        }

        if (storage.Provider == StorageProvider.PostgreSql)
        {
            silo.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = invariant;
                adoNet.ConnectionString = connectionString;
            });
        }

        return silo;
    }

    /// <summary>Wraps the ADO.NET grain storage so that a case's index row follows its state's write, and its timeline's rows go before it.</summary>
    private static void IndexPerWrite(IServiceCollection services, StorageOptions storage, JsonGrainStateSerializer serializer)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, EmergencyStorage.ProviderName))
            ?? throw new InvalidOperationException("the ADO.NET grain storage was not registered; cannot index cases with it");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(EmergencyStorage.ProviderName, (provider, key) => new IndexingGrainStorage(
            registered.KeyedImplementationFactory!(provider, key) as IGrainStorage
                ?? throw new InvalidOperationException("the ADO.NET grain storage factory did not give a grain storage"),
            provider.GetRequiredService<CaseIndex>(),
            TimelineStore.For(storage, provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId),
            serializer));
    }

    /// <summary>
    /// Wraps the ADO.NET reminder table so that its writes go with group commit: on SQLite they take turns at the write
    /// lock with the committer, on PostgreSQL they are committed in its transactions.
    /// </summary>
    private static void WrapReminderTable(IServiceCollection services, Func<IServiceProvider, IReminderTable, IReminderTable> wrap)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IReminderTable) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("the ADO.NET reminder table was not registered; cannot commit its writes with group commit");
        services.Remove(registered);
        services.AddSingleton(provider => wrap(
            provider,
            registered.ImplementationInstance as IReminderTable
                ?? registered.ImplementationFactory?.Invoke(provider) as IReminderTable
                ?? (IReminderTable)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)));
    }
}
