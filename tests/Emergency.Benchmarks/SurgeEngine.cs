using System.Diagnostics;

namespace Emergency.Benchmarks;

/// <summary>
/// The engine a complaint surge is sent to: in the benchmark's own process (as before), or in a process of its own
/// (<c>--engine-process</c>), so that the engine's CPU is measured apart from the surge's HTTP clients, which a real
/// deployment does not run beside it. The child is this program again in the <see cref="Mode"/> mode: it starts the
/// engine, prints its address, and stops when its standard input is closed.
/// </summary>
public sealed class SurgeEngine : IAsyncDisposable
{
    public const string Mode = "surge-engine";

    private const string ReadyPrefix = "surge-engine-ready ";

    private readonly EngineUnderTest? _inProcess;
    private readonly Process? _child;
    private readonly Task? _draining;

    private SurgeEngine(EngineUnderTest engine)
    {
        _inProcess = engine;
        BaseAddress = engine.BaseAddress;
    }

    private SurgeEngine(Process child, Uri address, Task draining)
    {
        _child = child;
        BaseAddress = address;
        _draining = draining;
    }

    public Uri BaseAddress { get; }

    /// <summary>Whether the engine runs in a process of its own.</summary>
    public bool Separate => _child is not null;

    /// <summary>The CPU time used so far by the engine's process (this process, clients included, when in-process).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (_child is null)
            {
                return Process.GetCurrentProcess().TotalProcessorTime;
            }

            _child.Refresh();
            return _child.TotalProcessorTime;
        }
    }

    /// <summary>Starts the engine on SQLite (database null) or on the given PostgreSQL database.</summary>
    public static async Task<SurgeEngine> StartAsync(string? database, bool separate)
    {
        if (!separate)
        {
            return new SurgeEngine(database is null ? await EngineUnderTest.StartAsync() : await EngineUnderTest.StartAsync("PostgreSql", database));
        }

        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SurgeEngine).Assembly.Location);
        }

        start.ArgumentList.Add(Mode);
        start.ArgumentList.Add(database ?? "sqlite");
        var child = Process.Start(start)!;

        // The engine's own warnings may come first on standard output: the address is the line that says so.
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                return new SurgeEngine(child, new Uri(line[ReadyPrefix.Length..]), child.StandardOutput.ReadToEndAsync());
            }
        }

        await child.WaitForExitAsync();
        throw new InvalidOperationException($"the surge's engine process exited {child.ExitCode} before it was ready");
    }

    /// <summary>The child's side: the engine, until the parent closes standard input.</summary>
    public static async Task<int> RunChildAsync(string database)
    {
        await using var engine = database == "sqlite" ? await EngineUnderTest.StartAsync() : await EngineUnderTest.StartAsync("PostgreSql", database);
        Console.Out.WriteLine(ReadyPrefix + engine.BaseAddress);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }

        if (_child is not null)
        {
            _child.StandardInput.Close();
            await _child.WaitForExitAsync();
            await _draining!;
            _child.Dispose();
        }
    }
}
