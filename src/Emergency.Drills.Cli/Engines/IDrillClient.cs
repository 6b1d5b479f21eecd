using Emergency.Contracts;

namespace Emergency.Drills.Cli.Engines;

/// <summary>How the CLI reaches a drill: the engine it started in this process, or a running engine over HTTP.</summary>
internal interface IDrillClient : IAsyncDisposable
{
    Task<DrillAnswer> StartAsync(string text, string file, DrillMode mode, double speed, CancellationToken cancellationToken);

    Task<DrillStatus?> StatusAsync(string run, CancellationToken cancellationToken);

    /// <summary>The report's JSON, exactly as the engine keeps it.</summary>
    Task<string?> ReportAsync(string run, CancellationToken cancellationToken);
}

/// <summary>The drill could not run (engine, network, token): the CLI's exit code 3.</summary>
public sealed class DrillCliException(string message) : Exception(message);
