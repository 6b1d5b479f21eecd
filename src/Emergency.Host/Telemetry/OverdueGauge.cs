using System.Diagnostics.Metrics;
using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Grains.Cases;
using Emergency.Host.Hosting;

namespace Emergency.Host.Telemetry;

/// <summary>
/// The open live cases with a limit past its deadline, by kind (gauge <c>emergency.cases.overdue</c>), counted from the
/// case directories every <see cref="TelemetrySettings.OverdueEvery"/> as the lists count them (<c>?overdue=true</c>).
/// It is the cluster's count, so every node reports the same value: aggregate with max, not sum.
/// </summary>
public sealed partial class OverdueGauge : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly EngineClock _clock;
    private readonly TimeSpan _every;
    private readonly ILogger<OverdueGauge> _logger;
    private IReadOnlyList<KeyValuePair<string, int>> _counts = [];

    public OverdueGauge(IGrainFactory grains, EngineClock clock, EngineSettings settings, IMeterFactory meters, ILogger<OverdueGauge> logger)
    {
        _grains = grains;
        _clock = clock;
        _every = settings.Telemetry.OverdueEvery;
        _logger = logger;
        meters.Create(CaseTelemetry.MeterName).CreateObservableGauge(
            "emergency.cases.overdue",
            () => Volatile.Read(ref _counts).Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("kind", c.Key))),
            "{case}",
            "Open live cases with a limit past its deadline, by kind; the cluster's count, the same on every node");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_every);
        do
        {
            try
            {
                Volatile.Write(ref _counts, await CountAsync());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The last count stays; an outage is logged where the commands are refused.
                LogCountFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<IReadOnlyList<KeyValuePair<string, int>>> CountAsync()
    {
        var now = _clock.Now;
        var incidents = CountAsync<IIncidentDirectoryGrain, Domain.Incidents.IncidentSummary>(s => s.AsOf(now).Overdue);
        var petitions = CountAsync<IDisputeDirectoryGrain, Domain.Disputes.DisputeSummary>(s => s.AsOf(now).Overdue);
        var suggestions = CountAsync<ISuggestionDirectoryGrain, Domain.Disputes.SuggestionSummary>(s => s.AsOf(now).Overdue);
        var disclosures = CountAsync<IDisclosureDirectoryGrain, Domain.Disclosure.DisclosureSummary>(s => s.AsOf(now).Overdue);
        return [new("incident", await incidents), new("petition", await petitions), new("suggestion", await suggestions), new("disclosure", await disclosures)];
    }

    private async Task<int> CountAsync<TDirectory, TSummary>(Func<TSummary, bool> overdue)
        where TDirectory : ICaseDirectoryGrain<TSummary>
        where TSummary : class, ICaseSummary =>
        (await _grains.GetGrain<TDirectory>(Scopes.Live).List()).Count(overdue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not count the overdue cases; the gauge keeps the last count")]
    private partial void LogCountFailed(Exception exception);
}
