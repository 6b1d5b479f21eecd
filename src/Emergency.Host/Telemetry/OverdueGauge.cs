using System.Diagnostics.Metrics;
using Emergency.Contracts;
using Emergency.Grains.Cases;
using Emergency.Host.Hosting;

namespace Emergency.Host.Telemetry;

/// <summary>
/// The open live cases with a limit past its deadline, by kind (gauge <c>emergency.cases.overdue</c>), counted in the
/// durable case index every <see cref="TelemetrySettings.OverdueEvery"/> as the lists count them (<c>?overdue=true</c>),
/// without reading any case's summary: the count costs the same with any number of open cases.
/// It is the cluster's count, so every node reports the same value: aggregate with max, not sum.
/// </summary>
public sealed partial class OverdueGauge : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly TimeSpan _every;
    private readonly ILogger<OverdueGauge> _logger;
    private IReadOnlyList<KeyValuePair<string, int>> _counts = [];

    public OverdueGauge(IGrainFactory grains, EngineSettings settings, IMeterFactory meters, ILogger<OverdueGauge> logger)
    {
        _grains = grains;
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
        var incidents = _grains.GetGrain<IIncidentDirectoryGrain>(Scopes.Live).CountOverdue();
        var petitions = _grains.GetGrain<IDisputeDirectoryGrain>(Scopes.Live).CountOverdue();
        var suggestions = _grains.GetGrain<ISuggestionDirectoryGrain>(Scopes.Live).CountOverdue();
        var disclosures = _grains.GetGrain<IDisclosureDirectoryGrain>(Scopes.Live).CountOverdue();
        return [new("incident", await incidents), new("petition", await petitions), new("suggestion", await suggestions), new("disclosure", await disclosures)];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not count the overdue cases; the gauge keeps the last count")]
    private partial void LogCountFailed(Exception exception);
}
