using System.Diagnostics;

namespace Emergency.Host.Hosting;

/// <summary>
/// One warning when the engine starts refusing commands because its storage or cluster is unreachable, and one when a
/// command goes through again, with how long it lasted and how many requests were refused; nothing in between. Each
/// refused request used to log its stack trace here too. (The grain activations and the storage that failed still log
/// theirs, on the node that hosts the grain: see docs/cluster.md.)
/// </summary>
public sealed partial class OutageLog(ILogger<OutageLog> logger)
{
    private readonly Lock _gate = new();
    private long? _since;
    private long _refused;

    /// <summary>A request answered 503 for <paramref name="exception"/>; the first of an outage is logged.</summary>
    public void Refused(Exception exception)
    {
        lock (_gate)
        {
            _refused++;
            if (_since is not null)
            {
                return;
            }

            _since = Stopwatch.GetTimestamp();
        }

        LogStarted(logger, exception.GetType().Name, exception.Message.Split('\n')[0]);
    }

    /// <summary>A command succeeded: if an outage was going on, it has ended.</summary>
    public void CommandSucceeded()
    {
        long since, refused;
        lock (_gate)
        {
            if (_since is not { } start)
            {
                return;
            }

            (since, refused, _since, _refused) = (start, _refused, null, 0);
        }

        LogEnded(logger, Stopwatch.GetElapsedTime(since).TotalSeconds, refused);
    }

    /// <summary>Whether an outage is going on (a refused request and no command through since).</summary>
    public bool Ongoing
    {
        get
        {
            lock (_gate)
            {
                return _since is not null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commands are refused (503) from now on: storage or cluster unavailable ({Exception}: {Reason}); one line more when they go through again")]
    private static partial void LogStarted(ILogger logger, string exception, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commands go through again after {Seconds:0.0} s; {Refused} requests were refused with 503 meanwhile")]
    private static partial void LogEnded(ILogger logger, double seconds, long refused);
}
