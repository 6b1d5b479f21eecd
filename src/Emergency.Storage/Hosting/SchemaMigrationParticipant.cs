using Microsoft.Extensions.Logging;

namespace Emergency.Storage.Hosting;

/// <summary>
/// Migrates the schema at the very first silo lifecycle stage. Membership (RuntimeInitialize), reminders and
/// grain storage (ApplicationServices) all initialise at later stages and read their queries from the
/// database, so they always find the schema in place; a failure here aborts the silo start.
/// </summary>
internal sealed class SchemaMigrationParticipant(StorageOptions options, ILoggerFactory loggerFactory)
    : ILifecycleParticipant<ISiloLifecycle>
{
    internal const int Stage = ServiceLifecycleStage.First;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), Stage, MigrateAsync);

    private Task MigrateAsync(CancellationToken ct) =>
        new SchemaMigrator(loggerFactory.CreateLogger<SchemaMigrator>()).MigrateAsync(options, ct);
}
