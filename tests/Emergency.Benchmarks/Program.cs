using Emergency.Benchmarks;
using Emergency.Benchmarks.Commands;

var name = args.FirstOrDefault() ?? "";
if (name == EngineStart.Mode && args.Length == 3)
{
    // The memory benchmark's engine in a process of its own.
    return await EngineStart.RunChildAsync(args[1], args[2]);
}

if (name == SurgeEngine.Mode && args.Length == 2)
{
    // The complaint surge's engine in a process of its own.
    return await SurgeEngine.RunChildAsync(args[1]);
}

if (name == "drill-scenario" && args.Length == 2)
{
    // The drill benchmark's generated scenario as a file, to time the drill command line on it.
    await File.WriteAllTextAsync(args[1], DrillBenchmark.Generate());
    return 0;
}

IBenchmark? benchmark = name switch
{
    "board" => new BoardFanOutBenchmark(),
    "drill" => new DrillBenchmark(),
    "commands" => new CommandsBenchmark(),
    "memory" => new MemoryBenchmark(),
    "complaints" => new ComplaintSurgeBenchmark(),
    "cluster" => new ClusterBenchmark(),
    "history" => new HistoryBenchmark(),
    "lists" => new ListsBenchmark(),
    _ => null,
};

if (benchmark is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Emergency.Benchmarks -- board|drill|commands|memory|complaints|cluster|history|lists [--option value ...], or drill-scenario <file> (the drill benchmark's scenario, to time the drill command line on)");
    return 2;
}

BenchmarkReport report;
try
{
    report = await benchmark.RunAsync(args.Skip(1).ToArray());
}
catch (BenchmarkSetupException e)
{
    Console.Error.WriteLine($"{name}: {e.Message}");
    return 1;
}

report.Print(Console.Out);
var file = report.Save();
Console.WriteLine($"written: {file}");
return 0;
