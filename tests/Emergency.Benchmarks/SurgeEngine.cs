using System.Diagnostics;

namespace Emergency.Benchmarks;

/// <summary>
/// The engine a complaint surge is sent to: in the benchmark's own process (as before), or in a process of its own
/// (<c>--engine-process</c>), so that the engine's CPU is measured apart from the surge's HTTP clients, which a real
/// deployment does not run beside it. The child is this program again in the <see cref="Mode"/> mode: it starts the
/// engine, prints its address, answers each line <c>stats</c> on its standard input with its <see cref="EngineGc"/>,
/// and stops when its standard input is closed.
/// </summary>
public sealed class SurgeEngine : IAsyncDisposable
{
    public const string Mode = "surge-engine";

    private const string ReadyPrefix = "surge-engine-ready ";

    private const string StatsPrefix = "surge-engine-stats ";

    private readonly EngineUnderTest? _inProcess;
    private readonly Process? _child;
    private readonly Task? _reading;
    private readonly System.Threading.Channels.Channel<EngineGc> _stats = System.Threading.Channels.Channel.CreateUnbounded<EngineGc>();

    private SurgeEngine(EngineUnderTest engine)
    {
        _inProcess = engine;
        BaseAddress = engine.BaseAddress;
    }

    private SurgeEngine(Process child, Uri address)
    {
        _child = child;
        BaseAddress = address;
        _reading = ReadChildAsync();
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
                return new SurgeEngine(child, new Uri(line[ReadyPrefix.Length..]));
            }
        }

        await child.WaitForExitAsync();
        throw new InvalidOperationException($"the surge's engine process exited {child.ExitCode} before it was ready");
    }

    /// <summary>The allocations and collections of the engine's process so far (this process, clients included, when in-process).</summary>
    public async Task<EngineGc> GcAsync()
    {
        if (_child is null)
        {
            return EngineGc.OfThisProcess();
        }

        await _child.StandardInput.WriteLineAsync("stats");
        await _child.StandardInput.FlushAsync();
        return await _stats.Reader.ReadAsync();
    }

    /// <summary>The child's side: the engine, until the parent closes standard input.</summary>
    public static async Task<int> RunChildAsync(string database)
    {
        await using var engine = database == "sqlite" ? await EngineUnderTest.StartAsync() : await EngineUnderTest.StartAsync("PostgreSql", database);
        Console.Out.WriteLine(ReadyPrefix + engine.BaseAddress);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "stats")
            {
                Console.Out.WriteLine(StatsPrefix + EngineGc.OfThisProcess().Format());
            }
        }

        return 0;
    }

    /// <summary>The child's standard output: its answers to <c>stats</c>; the engine's own lines go to standard error.</summary>
    private async Task ReadChildAsync()
    {
        while (await _child!.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(StatsPrefix, StringComparison.Ordinal))
            {
                await _stats.Writer.WriteAsync(EngineGc.Parse(line[StatsPrefix.Length..]));
            }
            else
            {
                await Console.Error.WriteLineAsync(line);
            }
        }
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
            await _reading!;
            _child.Dispose();
        }
    }
}

/// <summary>
/// What a process allocated, how often and how long its garbage collector stopped it, and how many methods the JIT
/// compiled and for how long (tiered recompilation included), so far.
/// </summary>
public readonly record struct EngineGc(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused, long JitMethods, TimeSpan JitTime)
{
    public static EngineGc OfThisProcess() =>
        new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

    public static EngineGc operator -(EngineGc after, EngineGc before) =>
        new(after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused,
            after.JitMethods - before.JitMethods, after.JitTime - before.JitTime);

    public string Format() => string.Join(' ', AllocatedBytes, Gen0, Gen1, Gen2, Paused.Ticks, JitMethods, JitTime.Ticks);

    public static EngineGc Parse(string text)
    {
        var parts = text.Split(' ').Select(p => long.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new(parts[0], (int)parts[1], (int)parts[2], (int)parts[3], TimeSpan.FromTicks(parts[4]), parts[5], TimeSpan.FromTicks(parts[6]));
    }
}
