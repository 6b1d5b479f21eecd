using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// What group commit measures (meter and activity source <see cref="Name"/>): writes per transaction and the time of
/// each, by provider and outcome, and one span per transaction (the database's own spans nest under it).
/// </summary>
public static class CommitTelemetry
{
    public const string Name = "Emergency.Storage";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<int> Writes = Meter.CreateHistogram(
        "emergency.storage.commit.writes",
        "{write}",
        "Writes carried by one group commit (grain state; on PostgreSQL also the reminder table's)",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, GroupCommitGrainStorage.MaxBatch] });

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "emergency.storage.commit.duration",
        "s",
        "Time of one group commit, from its first statement to its durable COMMIT",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    internal static Activity? StartCommit(StorageProvider provider, int writes)
    {
        var activity = Source.StartActivity("group commit");
        activity?.SetTag("db.system.name", SystemName(provider));
        activity?.SetTag("emergency.storage.writes", writes);
        return activity;
    }

    internal static void Committed(StorageProvider provider, int writes, TimeSpan elapsed, bool succeeded)
    {
        var tags = new TagList { { "provider", SystemName(provider) }, { "outcome", succeeded ? "committed" : "failed" } };
        Writes.Record(writes, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }

    private static string SystemName(StorageProvider provider) => provider switch
    {
        StorageProvider.PostgreSql => "postgresql",
        StorageProvider.Sqlite => "sqlite",
        _ => provider.ToString(),
    };
}
